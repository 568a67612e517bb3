package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/** Core's util category: validateaddress (Base58Check P2PKH and P2SH, bech32/bech32m witness programs of this network). */
final class UtilRpc {
    private final NodeContext ctx;

    UtilRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(RpcMethod.builder("validateaddress").category(RpcCategory.UTIL)
                .summary("Return information about the given address.")
                .param(RpcParam.required("address", ParamType.STRING, "The address to validate"))
                .result("{ \"isvalid\", \"address\", \"scriptPubKey\", \"isscript\", \"iswitness\", \"witness_version\", \"witness_program\" } or, when invalid, "
                        + "{ \"isvalid\": false, \"error_locations\", \"error\" }")
                .example("\"Nabc...\"")
                .handler(p -> validate(p.getString("address"))).build());
    }

    private ObjectNode validate(String text) {
        ObjectNode o = Json.object();
        Addresses.Destination d;
        try {
            d = Addresses.parse(text, ctx.params());
        } catch (ParseException | IllegalArgumentException e) {
            boolean bech32 = text.toLowerCase(java.util.Locale.ROOT).startsWith(ctx.params().bech32Hrp() + "1");
            return invalid(o, bech32 ? "Invalid Bech32 address: " + e.getMessage()
                    : "Invalid checksum or length of Base58 address (P2PKH or P2SH), or not an address of this network");
        }
        o.put("isvalid", true);
        o.put("address", Addresses.of(d.scriptPubKey(), ctx.params()).orElse(text));
        o.put("scriptPubKey", Hex.encode(d.scriptPubKey().unsafeBytes()));
        o.put("isscript", d.isScript());
        o.put("iswitness", d.witness().isPresent());
        d.witness().ifPresent(w -> {
            o.put("witness_version", w.witnessVersion());
            o.put("witness_program", Hex.encode(w.program()));
        });
        return o;
    }

    private static ObjectNode invalid(ObjectNode o, String error) {
        o.put("isvalid", false);
        o.putArray("error_locations");
        o.put("error", error);
        return o;
    }
}
