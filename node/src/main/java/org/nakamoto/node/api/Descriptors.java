package org.nakamoto.node.api;

import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The output descriptors nakamoto understands (BIP380 subset): {@code addr(ADDRESS)}, {@code raw(HEX)},
 * {@code pk(HEXKEY)}, {@code pkh(HEXKEY)} and {@code wpkh(HEXKEY)}, with an optional {@code #checksum} that is
 * verified when given. Inference (for "desc" fields) yields addr() for every script with an address (P2PKH,
 * P2SH, witness programs), pk() for P2PK and raw()
 * otherwise, always with the checksum, as Core's InferDescriptor does for scripts without key origins.
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
            if (desc.startsWith("pk(") && desc.endsWith(")")) {
                return StandardScripts.payToPubKey(Hex.decode(inner(desc, "pk(")));
            }
        } catch (IllegalArgumentException | ParseException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Invalid descriptor '" + text + "': " + e.getMessage());
        }
        throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
                "Invalid descriptor '" + text + "': nakamoto supports addr(), raw(), pk(), pkh() and wpkh()");
    }

    private static String inner(String desc, String prefix) {
        return desc.substring(prefix.length(), desc.length() - 1);
    }

    /** A descriptor for an output script, with checksum. */
    static String infer(Script s, NetworkParams params) {
        String type = ScriptJson.type(s);
        String d;
        java.util.Optional<String> address = ScriptJson.address(s, params);
        if (!type.equals("pubkey") && address.isPresent()) {
            d = "addr(" + address.get() + ")";
        } else if (type.equals("pubkey")) {
            byte[] b = s.unsafeBytes();
            d = "pk(" + Hex.encode(java.util.Arrays.copyOfRange(b, 1, b.length - 1)) + ")";
        } else {
            d = "raw(" + Hex.encode(s.unsafeBytes()) + ")";
        }
        return d + "#" + checksum(d);
    }

    /** BIP380's descriptor checksum: 8 characters. */
    static String checksum(String desc) {
        return DescriptorChecksum.of(desc);
    }
}
