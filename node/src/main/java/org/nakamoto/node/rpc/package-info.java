/**
 * The JSON-RPC server: Bitcoin Core's protocol, errors and help conventions on Vert.x.
 *
 * <h2>Adding a method</h2>
 * Declare it once with {@link org.nakamoto.node.rpc.RpcMethod#builder(String)}: category, summary,
 * parameters ({@link org.nakamoto.node.rpc.RpcParam#required}, {@link org.nakamoto.node.rpc.RpcParam#optional}),
 * result text, examples and an {@link org.nakamoto.node.rpc.RpcHandler}; then
 * {@link org.nakamoto.node.rpc.RpcRegistry#register}. The declaration validates every call (positional or
 * named) before the handler runs and is what {@code help} prints; RpcHelpTest fails for a method whose
 * help or parameters are undocumented. The handler reads typed values from
 * {@link org.nakamoto.node.rpc.RpcParams}, returns a JsonNode or any Jackson-serialisable object
 * (Amount and Hash256 serialise as Core shows them), and reports caller errors with
 * {@link org.nakamoto.node.rpc.RpcException} and a code from {@link org.nakamoto.node.rpc.RpcErrorCode}.
 *
 * <h2>Threads</h2>
 * Vert.x event loops only parse HTTP, check credentials, collect the bounded body and write replies.
 * JSON parsing and handlers run on the server's worker pool, so a handler may block (LevelDB, locks)
 * without stalling other connections. Handlers run concurrently and must be thread-safe.
 *
 * <h2>Limits</h2>
 * {@link org.nakamoto.node.rpc.RpcLimits} says what one client gets: a request timeout (Core's
 * -rpcservertimeout) and a connection cap, enforced by {@code ConnectionGuard}; one global rate for password
 * guesses, enforced by {@code AuthThrottle}; a batch cap, enforced by {@link org.nakamoto.node.rpc.RpcDispatcher}.
 * The figures they were tried with are in docs/robustness.md.
 *
 * <h2>Where nakamoto differs from Core, on purpose</h2>
 * <ul>
 * <li>An empty batch {@code []} is a -32600 error (JSON-RPC 2.0); Core answers {@code []}.</li>
 * <li>A handler exception that is not an RpcException is -32603 "Internal error #N" and its message goes
 * only to the log; Core maps std::exception to -1 with its message. In Java such an exception is a bug, not a
 * caller error, and its message may name classes and files.</li>
 * <li>A batch holds at most 1,000 calls (-32600 beyond); Core has no limit.</li>
 * <li>At most 128 connections by default; a new one beyond closes the oldest idle one. Core has no cap but a
 * work queue of 16 (HTTP 503 beyond).</li>
 * <li>A wrong password closes the gate to every password check for 250 ms; Core sleeps 250 ms in one of
 * its four worker threads. Both limit guesses globally; nakamoto's limit does not depend on its thread count.</li>
 * <li>Request bodies are limited (4 MiB by default, 413 beyond); Core has no limit.</li>
 * <li>Duplicate keys in a JSON object keep the last value (Jackson); Core keeps both and, for named
 * parameters, refuses them.</li>
 * </ul>
 */
package org.nakamoto.node.rpc;
