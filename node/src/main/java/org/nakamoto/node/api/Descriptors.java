package org.nakamoto.node.api;

import java.util.Arrays;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The output descriptors nakamoto understands (BIP380 subset): {@code addr(ADDRESS)}, {@code raw(HEX)},
 * {@code pk(HEXKEY)}, {@code pkh(HEXKEY)}, {@code wpkh(HEXKEY)} and, for taproot (BIP386), {@code tr(KEY)}
 * (key path only, BIP86's tweak) and {@code rawtr(KEY)} (the output key itself), with an optional
 * {@code #checksum} that is verified when given. Inference (for "desc" fields) is {@link #infer}.
 */
final class Descriptors {
    private Descriptors() {
    }

    /** The output script a descriptor stands for. */
    static Script parse(String text, NetworkParams params) throws RpcException {
        String desc = text;
        int hash = text.indexOf('#');
        if (hash >= 0) {
            desc = text.substring(0, hash);
            String given = text.substring(hash + 1);
            String expected = checksum(desc);
            if (!given.equals(expected)) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
                        "Provided checksum '" + given + "' does not match computed checksum '" + expected + "'");
            }
        }
        try {
            if (desc.startsWith("addr(") && desc.endsWith(")")) {
                String a = inner(desc, "addr(");
                try {
                    return Addresses.parse(a, params).scriptPubKey();
                } catch (ParseException e) {
                    throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Address is not valid: " + a);
                }
            }
            if (desc.startsWith("raw(") && desc.endsWith(")")) {
                return Script.of(Hex.decode(inner(desc, "raw(")));
            }
            if (desc.startsWith("pkh(") && desc.endsWith(")")) {
                byte[] key = Hex.decode(inner(desc, "pkh("));
                return Address.fromPublicKey(params.pubKeyHashVersion(), key).scriptPubKey();
            }
            if (desc.startsWith("wpkh(") && desc.endsWith(")")) {
                byte[] key = Hex.decode(inner(desc, "wpkh("));
                if (key.length != 33) {
                    throw new IllegalArgumentException("wpkh() takes a compressed public key (BIP143's WITNESS_PUBKEYTYPE)");
                }
                return SegwitAddress.p2wpkh(params.bech32Hrp(), Hashes.hash160(key)).scriptPubKey();
            }
            if (desc.startsWith("rawtr(") && desc.endsWith(")")) {
                return Script.of(Taproot.scriptPubKey(xOnly(inner(desc, "rawtr("))));
            }
            if (desc.startsWith("tr(") && desc.endsWith(")")) {
                String key = inner(desc, "tr(");
                if (key.contains(",")) {
                    throw new IllegalArgumentException("tr() with a script tree is not supported; give tr(KEY) or rawtr(KEY)");
                }
                return Script.of(Taproot.scriptPubKey(Taproot.outputKey(xOnly(key), null).xOnly()));
            }
            if (desc.startsWith("pk(") && desc.endsWith(")")) {
                return StandardScripts.payToPubKey(Hex.decode(inner(desc, "pk(")));
            }
        } catch (IllegalArgumentException | ParseException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Invalid descriptor '" + text + "': " + e.getMessage());
        }
        throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
                "Invalid descriptor '" + text + "': nakamoto supports addr(), raw(), pk(), pkh(), wpkh(), tr(KEY) and rawtr(KEY)");
    }

    /**
     * How scantxoutset names a match of the descriptor {@code text} (already {@link #parse}d to {@code s}): Core
     * infers it knowing what the scanned descriptor expanded to, so a tr(KEY) match stays tr(KEY) (x-only, as
     * Core prints it) where inference from the script alone could only say rawtr(OUTPUT KEY).
     */
    static String describe(String text, Script s, NetworkParams params) {
        int hash = text.indexOf('#');
        String desc = hash >= 0 ? text.substring(0, hash) : text;
        if (desc.startsWith("tr(") && desc.endsWith(")") && !desc.contains(",")) {
            String d = "tr(" + Hex.encode(xOnly(inner(desc, "tr("))) + ")";
            return d + "#" + checksum(d);
        }
        return infer(s, params);
    }

    /** A taproot key as descriptors write it: 32-byte x-only, or a compressed key whose x is taken (as Core does). */
    private static byte[] xOnly(String hex) {
        byte[] k = Hex.decode(hex);
        if (k.length == 33 && (k[0] == 0x02 || k[0] == 0x03)) {
            k = Arrays.copyOfRange(k, 1, 33);
        }
        if (!EcPublicKey.isValidXOnly(k)) {
            throw new IllegalArgumentException("Pubkey '" + hex + "' is invalid");
        }
        return k;
    }

    private static String inner(String desc, String prefix) {
        return desc.substring(prefix.length(), desc.length() - 1);
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
