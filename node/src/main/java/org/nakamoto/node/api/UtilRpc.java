package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/** Core's util category: validateaddress (Base58Check P2PKH and P2SH of this network). */
final class UtilRpc {
    private final NodeContext ctx;

    UtilRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(RpcMethod.builder("validateaddress").category(RpcCategory.UTIL)
                .summary("Return information about the given address.")
                .param(RpcParam.required("address", ParamType.STRING, "The address to validate"))
                .result("{ \"isvalid\", \"address\", \"scriptPubKey\", \"isscript\", \"iswitness\" } or, when invalid, "
                        + "{ \"isvalid\": false, \"error_locations\", \"error\" }")
                .example("\"Nabc...\"")
                .handler(p -> validate(p.getString("address"))).build());
    }

    private ObjectNode validate(String text) {
        ObjectNode o = Json.object();
        byte[] payload;
        try {
            payload = Base58Check.decode(text);
        } catch (ParseException | IllegalArgumentException e) {
            return invalid(o, "Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        }
        if (payload.length != 21) {
            return invalid(o, "Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        }
        int version = payload[0] & 0xff;
        byte[] hash = java.util.Arrays.copyOfRange(payload, 1, 21);
        boolean script;
        if (version == ctx.params().pubKeyHashVersion()) {
            script = false;
        } else if (version == ctx.params().scriptHashVersion()) {
            script = true;
        } else {
            return invalid(o, "Invalid or unsupported Base58-encoded address.");
        }
        o.put("isvalid", true);
        o.put("address", text);
        o.put("scriptPubKey", Hex.encode((script ? StandardScripts.payToScriptHash(hash)
                : Address.p2pkh(version, hash).scriptPubKey()).unsafeBytes()));
        o.put("isscript", script);
        o.put("iswitness", false);
        return o;
    }

    private static ObjectNode invalid(ObjectNode o, String error) {
        o.put("isvalid", false);
        o.putArray("error_locations");
        o.put("error", error);
        return o;
    }
}
