package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.StandardScripts;

/**
 * Core's decodescript: the script as a scriptPubKey shows it (less its hex), then, for scripts that may be
 * wrapped, the P2SH address paying it ({@code p2sh}) and the witness program that would carry it
 * ({@code segwit}: P2WPKH for a key or key hash, P2WSH otherwise, with its own P2SH wrapping as
 * {@code p2sh-segwit}). Witness programs, taproot and anchors included, are never wrapped; P2SH, nulldata
 * and unknown witness versions neither; witness v0 programs get {@code p2sh} but no {@code segwit}, and
 * so do scripts with an uncompressed key, which segwit's checksig refuses.
 *
 * <p>One difference from Core: a P2WSH script that is valid sane miniscript gets {@code wsh(MINISCRIPT)} from
 * Core, {@code addr()} here (nakamoto has no miniscript); bare multisig gets {@code wsh(multi(...))} as in Core.
 */
final class DecodeScript {
    /** Core's MAX_SCRIPT_SIZE: longer scripts are unspendable. */
    private static final int MAX_SCRIPT_SIZE = 10_000;
    private static final Set<String> WRAPPABLE = Set.of("multisig", "nonstandard", "pubkey", "pubkeyhash",
            "witness_v0_keyhash", "witness_v0_scripthash");
    private static final Set<String> P2WSH_WRAPPABLE = Set.of("multisig", "nonstandard", "pubkey", "pubkeyhash");

    private DecodeScript() {
    }

    static ObjectNode decode(Script s, NetworkParams params) {
        byte[] b = s.unsafeBytes();
        String type = ScriptJson.type(s);
        ObjectNode o = ScriptJson.scriptPubKey(s, params);
        o.remove("hex");
        if (!canWrap(type, b)) {
            return o;
        }
        o.put("p2sh", p2sh(s, params));
        if (!P2WSH_WRAPPABLE.contains(type) || hasUncompressedKey(type, b)) {
            return o;
        }
        Script program = switch (type) {
            case "pubkey" -> StandardScripts.payToWitnessKeyHash(Hashes.hash160(Arrays.copyOfRange(b, 1, b.length - 1)));
            case "pubkeyhash" -> StandardScripts.payToWitnessKeyHash(Arrays.copyOfRange(b, 3, 23));
            default -> StandardScripts.payToWitnessScriptHash(Hashes.sha256(b));
        };
        ObjectNode segwit = ScriptJson.scriptPubKey(program, params);
        if (type.equals("multisig")) {
            // Core knows the script it just wrapped, so it describes the P2WSH by its contents.
            String d = "wsh(" + Descriptors.multi(ScriptJson.multisig(b)) + ")";
            segwit.put("desc", d + "#" + Descriptors.checksum(d));
        }
        segwit.put("p2sh-segwit", p2sh(program, params));
        o.set("segwit", segwit);
        return o;
    }

    private static boolean canWrap(String type, byte[] b) {
        if (!WRAPPABLE.contains(type) || !ScriptJson.hasValidOps(b)) {
            return false;
        }
        if (b.length > MAX_SCRIPT_SIZE || b.length > 0 && (b[0] & 0xff) == Opcodes.OP_RETURN) {
            return false;
        }
        // Tapscript-only opcodes would change meaning under P2SH or P2WSH.
        return ScriptJson.opcodes(b).stream().noneMatch(op -> op == 0xba || ScriptJson.isOpSuccess(op));
    }

    private static boolean hasUncompressedKey(String type, byte[] b) {
        return switch (type) {
            case "pubkey" -> b.length != 35;
            case "multisig" -> ScriptJson.multisig(b).keys().stream().anyMatch(k -> k.length != 33);
            default -> false;
        };
    }

    private static String p2sh(Script s, NetworkParams params) {
        return Addresses.of(StandardScripts.payToScriptHash(Hashes.hash160(s.unsafeBytes())), params).orElseThrow();
    }
}
