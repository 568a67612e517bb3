package org.nakamoto.wallet.rpc;

import org.nakamoto.wallet.WalletException;

/** The node answered a call with a JSON-RPC error; {@link #code()} is Bitcoin Core's error code. */
public final class NodeRpcException extends WalletException {
    private final int code;
    private final String rpcMessage;

    public NodeRpcException(String method, int code, String rpcMessage) {
        super("node rejected " + method + ": " + rpcMessage + " (code " + code + ")");
        this.code = code;
        this.rpcMessage = rpcMessage;
    }

    public int code() {
        return code;
    }

    public String rpcMessage() {
        return rpcMessage;
    }
}
