package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * Core's util category: validateaddress (Base58Check P2PKH and P2SH, bech32 v0 and bech32m v1+ witness programs of this
 * network), with Core's error and error_locations for what is not an address; getdescriptorinfo and deriveaddresses
 * for the descriptors {@link Descriptors} knows.
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
        r.register(RpcMethod.builder("getdescriptorinfo").category(RpcCategory.UTIL)
                .summary("Analyses a descriptor.")
                .param(RpcParam.required("descriptor", ParamType.STRING, "The descriptor."))
                .result("{ \"descriptor\" : the descriptor in canonical form, without private keys, \"checksum\" : the checksum "
                        + "for the input descriptor, \"isrange\" : whether the descriptor is ranged, \"issolvable\" : whether the "
                        + "descriptor is solvable, \"hasprivatekeys\" : whether the input descriptor contained at least one private key }")
                .example("\"" + EXAMPLE_DESCRIPTOR + "\"")
                .handler(p -> info(p.getString("descriptor"))).build());
        r.register(RpcMethod.builder("deriveaddresses").category(RpcCategory.UTIL)
                .summary("Derives one or more addresses corresponding to an output descriptor.\n"
                        + "Examples of output descriptors are:\n"
                        + "    pkh(<pubkey>)                 P2PKH outputs for the given pubkey\n"
                        + "    wpkh(<pubkey>)                Native segwit P2PKH outputs for the given pubkey\n"
                        + "    sh(wpkh(<pubkey>))            P2SH-wrapped segwit P2PKH outputs for the given pubkey\n"
                        + "    tr(<pubkey>)                  P2TR outputs (key path only, BIP86's tweak) for the given pubkey\n"
                        + "    raw(<hex script>)             Outputs whose output script equals the specified hex-encoded bytes\n"
                        + "\nIn the above, <pubkey> either refers to a fixed public key in hexadecimal notation, or to an xpub/xprv "
                        + "optionally followed by one\nor more path elements separated by \"/\", where \"h\" represents a hardened "
                        + "child key, and optionally ending in \"/*\" (ranged).\nThe descriptor must end in its #checksum "
                        + "(getdescriptorinfo gives it).")
                .param(RpcParam.required("descriptor", ParamType.STRING, "The descriptor."))
                .param(RpcParam.optional("range", ParamType.RANGE, null,
                        "If a ranged descriptor is used, this specifies the end or the range (in [begin,end] notation) to derive."))
                .result("[ \"address\", ... ] the derived addresses")
                .example("\"" + EXAMPLE_RANGED + "\"", "\"[0,2]\"")
                .handler(p -> derive(p.getString("descriptor"), p.getRange("range"))).build());
    }

    static final String EXAMPLE_DESCRIPTOR =
            "wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295Ce870b07029Bfcdb2dce28d959f2815b16f81798)";
    static final String EXAMPLE_RANGED = "wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81"
            + "fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)#cjjspncu";

    /** Core's getdescriptorinfo: the public form with its own checksum, and the checksum of the input as written. */
    private ObjectNode info(String text) throws RpcException {
        Descriptor d = Descriptors.parseDescriptor(text, ctx.params(), false);
        ObjectNode o = Json.object();
        o.put("descriptor", DescriptorChecksum.append(d.toString()));
        o.put("checksum", Descriptors.checksumOf(text));
        o.put("isrange", d.isRange());
        o.put("issolvable", d.isSolvable());
        o.put("hasprivatekeys", d.hasPrivateKeys());
        return o;
    }

    /** Core's deriveaddresses: the range is read first, the checksum is required, and every script needs an address. */
    private ArrayNode derive(String text, JsonNode rangeArg) throws RpcException {
        DescriptorRange range = rangeArg == null ? new DescriptorRange(0, 0) : DescriptorRange.parse(rangeArg);
        Descriptor d = Descriptors.parseDescriptor(text, ctx.params(), true);
        if (!d.isRange() && rangeArg != null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Range should not be specified for an un-ranged descriptor");
        }
        if (d.isRange() && rangeArg == null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Range must be specified for a ranged descriptor");
        }
        ArrayNode addresses = Json.array();
        for (long i = range.begin(); i <= range.end(); i++) {
            Script s;
            try {
                s = d.script(i);
            } catch (DescriptorKey.CannotDeriveException e) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.getMessage());
            }
            addresses.add(Addresses.of(s, ctx.params()).orElseThrow(() -> new RpcException(
                    RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Descriptor does not have a corresponding address")));
        }
        return addresses;
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
