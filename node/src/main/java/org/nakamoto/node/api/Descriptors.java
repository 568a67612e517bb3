package org.nakamoto.node.api;

import java.util.Arrays;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The output descriptors nakamoto understands (BIP380 subset), parsed as Core's script/descriptor.cpp parses
 * them and with its error messages: {@code addr(ADDRESS)}, {@code raw(HEX)}, {@code pk(KEY)}, {@code pkh(KEY)},
 * {@code wpkh(KEY)}, {@code sh(pk|pkh|wpkh(KEY))} and, for taproot (BIP386), {@code tr(KEY)} (key path only,
 * BIP86's tweak) and {@code rawtr(KEY)} (the output key itself), where KEY is a {@link DescriptorKey} (hex, WIF,
 * or an xpub/xprv path, possibly ranged); with an optional {@code #checksum}, verified when given. Inference (for
 * "desc" fields) is {@link #infer}.
 */
final class Descriptors {
    private Descriptors() {
    }

    /**
     * Core's Parse: checks the {@code #checksum} (required when {@code requireChecksum}), then the descriptor.
     *
     * @throws RpcException RPC_INVALID_ADDRESS_OR_KEY with Core's message for what is wrong
     */
    static Descriptor parseDescriptor(String text, NetworkParams params, boolean requireChecksum) throws RpcException {
        String desc = withoutChecksum(text, requireChecksum);
        try {
            int end = expressionEnd(desc, 0);
            Descriptor d = parseScript(desc.substring(0, end), DescriptorKey.Context.TOP, params);
            if (end != desc.length()) {
                // Core fails here with an empty message; say what is wrong instead.
                throw new IllegalArgumentException("Unexpected '" + desc.substring(end) + "' after the descriptor");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.getMessage());
        }
    }

    /** The checksum of a descriptor's text before any {@code #}, as getdescriptorinfo reports it. */
    static String checksumOf(String text) throws RpcException {
        return checksum(withoutChecksum(text, false));
    }

    /** Core's CheckChecksum: the text before {@code #}, after checking what follows it. */
    private static String withoutChecksum(String text, boolean required) throws RpcException {
        String[] parts = text.split("#", -1);
        if (parts.length > 2) {
            throw invalid("Multiple '#' symbols");
        }
        if (parts.length == 1 && required) {
            throw invalid("Missing checksum");
        }
        if (parts.length == 2 && parts[1].length() != 8) {
            throw invalid("Expected 8 character checksum, not " + parts[1].length() + " characters");
        }
        String computed = checksum(parts[0]);
        if (computed.isEmpty()) {
            throw invalid("Invalid characters in payload");
        }
        if (parts.length == 2 && !parts[1].equals(computed)) {
            throw invalid("Provided checksum '" + parts[1] + "' does not match computed checksum '" + computed + "'");
        }
        return parts[0];
    }

    private static RpcException invalid(String message) {
        return new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, message);
    }

    /**
     * Core's Expr: the end of the expression starting at {@code from}, i.e. the first ',' or ')' outside
     * brackets, or the end of the text.
     */
    private static int expressionEnd(String s, int from) {
        int level = 0;
        int i = from;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (level == 0 && (c == ',' || c == ')')) {
                break;
            }
            if (c == '(' || c == '{') {
                level++;
            } else if ((c == ')' || c == '}') && level > 0) {
                level--;
            }
        }
        return i;
    }

    /** Core's Func: the arguments of {@code name(...)}, or null when the expression is not that function. */
    private static String args(String name, String expr) {
        return expr.length() >= name.length() + 2 && expr.startsWith(name) && expr.charAt(name.length()) == '('
                && expr.endsWith(")") ? expr.substring(name.length() + 1, expr.length() - 1) : null;
    }

    /** Core's ParseScript for the functions nakamoto knows, with Core's messages for misplaced ones. */
    private static Descriptor parseScript(String expr, DescriptorKey.Context ctx, NetworkParams params) {
        boolean top = ctx == DescriptorKey.Context.TOP;
        String a;
        if ((a = args("pk", expr)) != null) {
            return new Descriptor.SingleKey("pk", key("pk", a, ctx, params));
        }
        if ((a = args("pkh", expr)) != null) {
            return new Descriptor.SingleKey("pkh", key("pkh", a, ctx, params));
        }
        for (String f : new String[] {"combo", "multi", "sortedmulti", "multi_a", "sortedmulti_a", "wsh"}) {
            if (args(f, expr) != null) {
                throw new IllegalArgumentException(f + "() descriptors are not supported by nakamoto yet; "
                        + "it knows addr(), raw(), pk(), pkh(), wpkh(), sh(pk|pkh|wpkh), tr(KEY) and rawtr(KEY)");
            }
        }
        if ((a = args("wpkh", expr)) != null) {
            if (!top && ctx != DescriptorKey.Context.P2SH) {
                throw new IllegalArgumentException("Can only have wpkh() at top level or inside sh()");
            }
            return new Descriptor.SingleKey("wpkh", key("wpkh", a, DescriptorKey.Context.P2WPKH, params));
        }
        if ((a = args("sh", expr)) != null) {
            if (!top) {
                throw new IllegalArgumentException("Can only have sh() at top level");
            }
            int end = expressionEnd(a, 0);
            Descriptor inner = parseScript(a.substring(0, end), DescriptorKey.Context.P2SH, params);
            if (end != a.length()) {
                throw new IllegalArgumentException("Unexpected '" + a.substring(end) + "' in sh()");
            }
            return new Descriptor.Sh(inner);
        }
        if ((a = args("addr", expr)) != null) {
            if (!top) {
                throw new IllegalArgumentException("Can only have addr() at top level");
            }
            try {
                Script s = Addresses.parse(a, params).scriptPubKey();
                return new Descriptor.Fixed("addr(" + Addresses.of(s, params).orElse(a) + ")", s);
            } catch (ParseException e) {
                throw new IllegalArgumentException("Address is not valid");
            }
        }
        if ((a = args("tr", expr)) != null) {
            if (!top) {
                throw new IllegalArgumentException("Can only have tr at top level");
            }
            int end = expressionEnd(a, 0);
            DescriptorKey internal = key("tr", a.substring(0, end), DescriptorKey.Context.P2TR, params);
            if (end != a.length()) {
                throw new IllegalArgumentException("tr() with a script tree is not supported by nakamoto yet; "
                        + "give tr(KEY) or rawtr(KEY)");
            }
            return new Descriptor.SingleKey("tr", internal);
        }
        if ((a = args("rawtr", expr)) != null) {
            if (!top) {
                throw new IllegalArgumentException("Can only have rawtr at top level");
            }
            int end = expressionEnd(a, 0);
            if (end != a.length()) {
                throw new IllegalArgumentException("rawtr(): only one key expected.");
            }
            return new Descriptor.SingleKey("rawtr", key("rawtr", a, DescriptorKey.Context.P2TR, params));
        }
        if ((a = args("raw", expr)) != null) {
            if (!top) {
                throw new IllegalArgumentException("Can only have raw() at top level");
            }
            if (!DescriptorKey.isHex(a)) {
                throw new IllegalArgumentException("Raw script is not hex");
            }
            Script s = Script.of(Hex.decode(a));
            return new Descriptor.Fixed("raw(" + Hex.encode(s.unsafeBytes()) + ")", s);
        }
        if (ctx == DescriptorKey.Context.P2SH) {
            throw new IllegalArgumentException("A function is needed within P2SH");
        }
        throw new IllegalArgumentException("'" + expr + "' is not a valid descriptor function");
    }

    /** A key expression, its errors prefixed with the function as Core does ("wpkh(): Pubkey '00' is invalid"). */
    private static DescriptorKey key(String function, String text, DescriptorKey.Context ctx, NetworkParams params) {
        try {
            return DescriptorKey.parse(text, ctx, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(function + "(): " + e.getMessage());
        }
    }

    /**
     * A descriptor for an output script, with checksum, as Core's InferDescriptor writes it when it knows no
     * keys or scripts: pk() for P2PK, multi() for bare multisig, rawtr() for a witness v1 program that is a
     * valid x-only key (the internal key and script tree being unknown), addr() for anything else with an
     * address, raw() for the rest.
     */
    static String infer(Script s, NetworkParams params) {
        byte[] b = s.unsafeBytes();
        String d = switch (ScriptJson.type(s)) {
            case "pubkey" -> "pk(" + Hex.encode(Arrays.copyOfRange(b, 1, b.length - 1)) + ")";
            case "multisig" -> multi(ScriptJson.multisig(b));
            case "witness_v1_taproot" -> EcPublicKey.isValidXOnly(Arrays.copyOfRange(b, 2, 34))
                    ? "rawtr(" + Hex.encode(Arrays.copyOfRange(b, 2, 34)) + ")" : addrOrRaw(s, params);
            default -> addrOrRaw(s, params);
        };
        return d + "#" + checksum(d);
    }

    /** Core's multi(k,KEY,...) for a bare multisig script. */
    static String multi(ScriptJson.Multisig m) {
        StringBuilder sb = new StringBuilder("multi(").append(m.m());
        for (byte[] key : m.keys()) {
            sb.append(',').append(Hex.encode(key));
        }
        return sb.append(')').toString();
    }

    private static String addrOrRaw(Script s, NetworkParams params) {
        return ScriptJson.address(s, params).map(a -> "addr(" + a + ")").orElse("raw(" + Hex.encode(s.unsafeBytes()) + ")");
    }

    /** BIP380's descriptor checksum: 8 characters. */
    static String checksum(String desc) {
        return DescriptorChecksum.of(desc);
    }
}
