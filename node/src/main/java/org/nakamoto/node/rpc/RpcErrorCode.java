package org.nakamoto.node.rpc;

/**
 * Bitcoin Core's JSON-RPC error codes, with Core's names and values (src/rpc/protocol.h), so that
 * clients written for Core can switch on them unchanged. Only codes nakamoto can plausibly produce are
 * listed; add others from protocol.h with the exact same value, never a new meaning for an old number.
 */
public final class RpcErrorCode {
    // Standard JSON-RPC 2.0 errors.
    /** The request is not a valid request object (not an object, bad method or params member). */
    public static final int RPC_INVALID_REQUEST = -32600;
    public static final int RPC_METHOD_NOT_FOUND = -32601;
    public static final int RPC_INVALID_PARAMS = -32602;
    /** Core uses this for unexpected internal failures; nakamoto also for handler bugs (see RpcDispatcher). */
    public static final int RPC_INTERNAL_ERROR = -32603;
    public static final int RPC_PARSE_ERROR = -32700;

    // General application defined errors.
    /** Core: std::exception thrown in command handling; also wrong argument count (with the help text). */
    public static final int RPC_MISC_ERROR = -1;
    /** Unexpected JSON type was passed as parameter. */
    public static final int RPC_TYPE_ERROR = -3;
    public static final int RPC_INVALID_ADDRESS_OR_KEY = -5;
    public static final int RPC_OUT_OF_MEMORY = -7;
    /** Invalid, missing or duplicate parameter. */
    public static final int RPC_INVALID_PARAMETER = -8;
    public static final int RPC_DATABASE_ERROR = -20;
    /** Error parsing or validating structure in raw format. */
    public static final int RPC_DESERIALIZATION_ERROR = -22;
    /** General error during transaction or block submission. */
    public static final int RPC_VERIFY_ERROR = -25;
    /** Transaction or block was rejected by network rules. */
    public static final int RPC_VERIFY_REJECTED = -26;
    public static final int RPC_VERIFY_ALREADY_IN_CHAIN = -27;
    /** Client still warming up. */
    public static final int RPC_IN_WARMUP = -28;

    // P2P client errors.
    public static final int RPC_CLIENT_NOT_CONNECTED = -9;
    public static final int RPC_CLIENT_IN_INITIAL_DOWNLOAD = -10;
    public static final int RPC_CLIENT_NODE_ALREADY_ADDED = -23;
    public static final int RPC_CLIENT_NODE_NOT_ADDED = -24;
    /** Node to disconnect not found in connected nodes. */
    public static final int RPC_CLIENT_NODE_NOT_CONNECTED = -29;
    public static final int RPC_CLIENT_INVALID_IP_OR_SUBNET = -30;

    // Wallet errors (the wallet talks to the node over RPC, so it may reuse these).
    public static final int RPC_WALLET_ERROR = -4;
    public static final int RPC_WALLET_INSUFFICIENT_FUNDS = -6;

    private RpcErrorCode() {
    }
}
