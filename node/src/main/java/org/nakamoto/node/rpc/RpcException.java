package org.nakamoto.node.rpc;

/**
 * An error a handler reports to the caller as a JSON-RPC error object {@code {code, message}}.
 * Codes come from {@link RpcErrorCode}. Any other exception escaping a handler is a bug and is answered
 * with {@link RpcErrorCode#RPC_INTERNAL_ERROR}.
 */
public class RpcException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public RpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
