package org.nakamoto.chain.script;

import static org.nakamoto.chain.script.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bitcoin Core's {@code Solver} (script/solver.cpp): which template a scriptPubKey follows. Relay policy
 * uses it to decide which outputs are standard to create and to spend; consensus never does. Stateless.
 */
public final class Solver {
    private Solver() {
    }

    /** Core's TxoutType, with the name its RPCs show (GetTxnOutputType). */
    public enum Type {
        NONSTANDARD("nonstandard"), PUBKEY("pubkey"), PUBKEYHASH("pubkeyhash"), SCRIPTHASH("scripthash"),
        MULTISIG("multisig"), NULL_DATA("nulldata"), ANCHOR("anchor"), WITNESS_V0_SCRIPTHASH("witness_v0_scripthash"),
        WITNESS_V0_KEYHASH("witness_v0_keyhash"), WITNESS_V1_TAPROOT("witness_v1_taproot"),
        WITNESS_UNKNOWN("witness_unknown");

        private final String coreName;

        Type(String coreName) {
            this.coreName = coreName;
        }

        /** Core's name, as in decodescript's and the scriptPubKey objects' "type". */
        public String coreName() {
            return coreName;
        }
    }

    /**
     * A script's template; {@code required} and {@code keys} are the m and n of a bare multisig (0
     * otherwise).
     */
    public record Solution(Type type, int required, int keys) {
        static Solution of(Type type) {
            return new Solution(type, 0, 0);
        }
    }

    /** Core's Solver, without the solutions it also returns (only multisig's m and n are kept). */
    public static Solution solve(byte[] script) {
        if (ScriptCode.isPayToScriptHash(script)) {
            return Solution.of(Type.SCRIPTHASH);
        }
        WitnessProgram w = WitnessProgram.parse(script);
        if (w != null) {
            if (w.isPayToWitnessKeyHash()) {
                return Solution.of(Type.WITNESS_V0_KEYHASH);
            }
            if (w.isPayToWitnessScriptHash()) {
                return Solution.of(Type.WITNESS_V0_SCRIPTHASH);
            }
            if (w.isPayToTaproot()) {
                return Solution.of(Type.WITNESS_V1_TAPROOT);
            }
            if (w.isPayToAnchor()) {
                return Solution.of(Type.ANCHOR);
            }
            // Version 0 of another size can never be spent; higher versions await soft forks.
            return Solution.of(w.version() != 0 ? Type.WITNESS_UNKNOWN : Type.NONSTANDARD);
        }
        if (script.length >= 1 && (script[0] & 0xff) == OP_RETURN
                && ScriptCode.isPushOnly(Arrays.copyOfRange(script, 1, script.length))) {
            return Solution.of(Type.NULL_DATA);
        }
        if (isPayToPubKey(script)) {
            return Solution.of(Type.PUBKEY);
        }
        if (script.length == 25 && (script[0] & 0xff) == OP_DUP && (script[1] & 0xff) == OP_HASH160
                && script[2] == 20 && (script[23] & 0xff) == OP_EQUALVERIFY && (script[24] & 0xff) == OP_CHECKSIG) {
            return Solution.of(Type.PUBKEYHASH);
        }
        List<byte[]> keys = new ArrayList<>();
        int required = multisig(script, keys);
        return required > 0 ? new Solution(Type.MULTISIG, required, keys.size()) : Solution.of(Type.NONSTANDARD);
    }

    /** The keys of a script {@link #solve} calls MULTISIG, in order; empty for any other script. */
    public static List<byte[]> multisigKeys(byte[] script) {
        List<byte[]> keys = new ArrayList<>();
        return multisig(script, keys) > 0 ? keys : List.of();
    }

    /** Core's CPubKey::ValidSize: the length the header byte announces (33 compressed, 65 uncompressed). */
    static boolean validKeySize(byte[] key) {
        if (key.length == 0) {
            return false;
        }
        int header = key[0] & 0xff;
        int expected = header == 2 || header == 3 ? 33 : header == 4 || header == 6 || header == 7 ? 65 : 0;
        return key.length == expected;
    }

    private static boolean isPayToPubKey(byte[] s) {
        int n = s.length;
        if ((n == 35 || n == 67) && s[0] == n - 2 && (s[n - 1] & 0xff) == OP_CHECKSIG) {
            return validKeySize(Arrays.copyOfRange(s, 1, n - 1));
        }
        return false;
    }

    /**
     * Core's MatchMultisig: m, m..20 keys, n (small integers or minimal pushes), OP_CHECKMULTISIG. Returns
     * m and fills {@code keys}, or returns -1.
     */
    private static int multisig(byte[] script, List<byte[]> keys) {
        if (script.length < 1 || (script[script.length - 1] & 0xff) != OP_CHECKMULTISIG) {
            return -1;
        }
        ScriptCursor c = new ScriptCursor(script);
        if (!c.next()) {
            return -1;
        }
        int required = number(c, 1, SignatureOps.MAX_PUBKEYS_PER_MULTISIG);
        if (required < 0) {
            return -1;
        }
        boolean more;
        while ((more = c.next()) && validKeySize(c.data())) {
            keys.add(c.data());
        }
        if (!more) {
            return -1; // ran off the end (or a bad push) where the key count should be
        }
        int count = number(c, required, SignatureOps.MAX_PUBKEYS_PER_MULTISIG);
        if (count < 0 || keys.size() != count || c.position() + 1 != script.length) {
            return -1;
        }
        return required;
    }

    /**
     * Core's GetScriptNumber: the cursor's operation as a number in {@code min..max} (OP_1..OP_16 or a
     * minimal push of a minimal number of at most 4 bytes), or -1.
     */
    private static int number(ScriptCursor c, int min, int max) {
        int op = c.opcode();
        long v;
        if (op >= OP_1 && op <= OP_16) {
            v = op - OP_1 + 1;
        } else if (op > OP_0 && op <= OP_PUSHDATA4) {
            byte[] data = c.data();
            if (!Interpreter.isMinimalPush(op, data) || data.length > ScriptNum.MAX_OPERAND_SIZE
                    || !ScriptNum.isMinimal(data)) {
                return -1;
            }
            v = ScriptNum.decodeUnchecked(data);
        } else {
            return -1;
        }
        return v >= min && v <= max ? (int) v : -1;
    }
}
