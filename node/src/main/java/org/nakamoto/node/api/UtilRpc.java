package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * Core's util category: validateaddress (Base58Check P2PKH and P2SH, bech32 v0 and bech32m v1+ witness programs of this
 * network), with Core's error and error_locations for what is not an address.
 */
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

    /** Core's validateaddress: DecodeDestination's verdict, then DescribeAddress's fields for the destination's kind. */
    private ObjectNode validate(String text) {
        ObjectNode o = Json.object();
        Addresses.Decoding decoding = Addresses.decode(text, ctx.params());
        if (decoding.destination().isEmpty()) {
            o.put("isvalid", false);
            ArrayNode locations = o.putArray("error_locations");
            decoding.errorLocations().forEach(locations::add);
            o.put("error", decoding.error());
            return o;
        }
        Addresses.Destination d = decoding.destination().get();
        o.put("isvalid", true);
        o.put("address", Addresses.of(d.scriptPubKey(), ctx.params()).orElse(text));
        o.put("scriptPubKey", Hex.encode(d.scriptPubKey().unsafeBytes()));
        Optional<SegwitAddress> w = d.witness();
        String type = ScriptJson.type(d.scriptPubKey());
        // Core says isscript for P2SH, P2WSH, taproot and anchors (spendable by a script, or by no key alone), and
        // says nothing about it for the witness versions it does not know.
        if (!type.equals("witness_unknown")) {
            o.put("isscript", d.isScript() || type.equals("witness_v1_taproot") || type.equals("anchor"));
        }
        o.put("iswitness", w.isPresent());
        // Core's DescribeAddress shows an anchor's kind only, not its (fixed) version and program.
        w.filter(a -> !type.equals("anchor")).ifPresent(a -> {
            o.put("witness_version", a.witnessVersion());
            o.put("witness_program", Hex.encode(a.program()));
        });
        return o;
    }
}
