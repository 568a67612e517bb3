package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds reply objects in Core's shape (JSONRPCReplyObj). Stateless. */
final class JsonRpcReply {
    private JsonRpcReply() {
    }

    static ObjectNode success(JsonNode result, JsonNode id, JsonRpcVersion version) {
        ObjectNode reply = start(version);
        reply.set("result", result);
        if (version == JsonRpcVersion.V1_LEGACY) {
            reply.set("error", NullNode.instance);
        }
        return finish(reply, id);
    }

    static ObjectNode error(RpcException e, JsonNode id, JsonRpcVersion version) {
        ObjectNode reply = start(version);
        if (version == JsonRpcVersion.V1_LEGACY) {
            reply.set("result", NullNode.instance);
        }
        ObjectNode error = reply.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage() == null ? "" : e.getMessage());
        return finish(reply, id);
    }

    private static ObjectNode start(JsonRpcVersion version) {
        ObjectNode reply = RpcJson.MAPPER.createObjectNode();
        if (version == JsonRpcVersion.V2) {
            reply.put("jsonrpc", "2.0");
        }
        return reply;
    }

    // The id is echoed exactly as sent; a request without one gets a reply without one.
    private static ObjectNode finish(ObjectNode reply, JsonNode id) {
        if (id != null) {
            reply.set("id", id);
        }
        return reply;
    }
}
