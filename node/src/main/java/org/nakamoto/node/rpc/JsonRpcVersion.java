package org.nakamoto.node.rpc;

/**
 * Which JSON-RPC dialect a request speaks, which decides the reply's shape and HTTP status (Core's
 * JSONRPCVersion). A request is V2 only when it says {@code "jsonrpc": "2.0"}; no member, or "1.0" which old
 * documentation wrongly told clients to send, is the legacy dialect.
 */
enum JsonRpcVersion {
    /** Replies carry both result and error (one null); errors of single requests get HTTP 4xx/5xx. */
    V1_LEGACY,
    /** Replies carry "jsonrpc": "2.0" and either result or error; HTTP 200, or 204 for notifications. */
    V2
}
