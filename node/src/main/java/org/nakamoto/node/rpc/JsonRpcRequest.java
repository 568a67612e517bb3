package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One parsed request object (Core's JSONRPCRequest::parse).
 *
 * @param id      the "id" member as sent (any JSON value, including null), or null when absent: then the
 *                reply has no "id" either (Core's std::optional id)
 * @param version the dialect; see {@link JsonRpcVersion}
 * @param method  the method name
 * @param params  an array or object; an absent or null "params" becomes an empty array
 */
record JsonRpcRequest(JsonNode id, JsonRpcVersion version, String method, JsonNode params) {

    /** A JSON-RPC 2.0 request without an "id" member: executed, never answered. {@code "id": null} is not one. */
    boolean isNotification() {
        return id == null && version == JsonRpcVersion.V2;
    }

    /**
     * Parses in Core's order (id, then version, then method, then params) so that an error found late
     * is still answered with the id and in the dialect already read.
     *
     * @throws Invalid carrying the -32600 error plus whatever id and version were read
     */
    static JsonRpcRequest parse(JsonNode node) throws Invalid {
        if (!node.isObject()) {
            throw new Invalid(RpcDispatcher.UNKNOWN_ID, JsonRpcVersion.V1_LEGACY, "Invalid Request object");
        }
        JsonNode id = node.get("id");
        JsonRpcVersion version = JsonRpcVersion.V1_LEGACY;
        JsonNode v = node.get("jsonrpc");
        if (v != null && !v.isNull()) {
            if (!v.isTextual()) {
                throw new Invalid(id, version, "jsonrpc field must be a string");
            }
            if (v.textValue().equals("2.0")) {
                version = JsonRpcVersion.V2;
            } else if (!v.textValue().equals("1.0")) {
                throw new Invalid(id, version, "JSON-RPC version not supported");
            }
        }
        JsonNode method = node.get("method");
        if (method == null || method.isNull()) {
            throw new Invalid(id, version, "Missing method");
        }
        if (!method.isTextual()) {
            throw new Invalid(id, version, "Method must be a string");
        }
        JsonNode params = node.get("params");
        if (params == null || params.isNull()) {
            params = RpcJson.MAPPER.createArrayNode();
        } else if (!params.isArray() && !params.isObject()) {
            throw new Invalid(id, version, "Params must be an array or object");
        }
        return new JsonRpcRequest(id, version, method.textValue(), params);
    }

    /** A request object that cannot be executed, with what is known for the error reply. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode id;
        private final JsonRpcVersion version;

        Invalid(JsonNode id, JsonRpcVersion version, String message) {
            super(message, null, false, false);
            this.id = id;
            this.version = version;
        }

        JsonNode id() {
            return id;
        }

        JsonRpcVersion version() {
            return version;
        }

        RpcException error() {
            return new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, getMessage());
        }
    }
}
