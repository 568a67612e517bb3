package org.nakamoto.chain.script;

import java.security.MessageDigest;
import java.util.Arrays;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Witness;

/**
 * A BIP 141 witness program: a scriptPubKey (or P2SH redeem script) that is one version opcode (OP_0 or
 * OP_1..OP_16) followed by one direct push of 2 to 40 bytes, and nothing else. Such an output is spent by
 * its witness, which this class checks (Core's {@code VerifyWitnessProgram}): version 0 here, a native
 * version 1 program of 32 bytes under TAPROOT in {@link TaprootSpend}. Other versions and sizes (P2SH-wrapped
 * v1 included) are left to future soft forks, so they succeed (or, under
 * DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM, fail as non-standard). Immutable.
 */
public final class WitnessProgram {
    /** P2WPKH's program: HASH160 of a public key. */
    public static final int KEY_HASH_SIZE = 20;
    /** P2WSH's program: SHA-256 of the witness script. */
    public static final int SCRIPT_HASH_SIZE = 32;

    private final int version;
    private final byte[] program;

    private WitnessProgram(int version, byte[] program) {
        this.version = version;
        this.program = program;
    }

    /** The witness program {@code script} is, or null when it is none. */
    public static WitnessProgram parse(byte[] script) {
        if (script.length < 4 || script.length > 42) {
            return null;
        }
        int op = script[0] & 0xff;
        if (op != Opcodes.OP_0 && (op < Opcodes.OP_1 || op > Opcodes.OP_16)) {
            return null;
        }
        if ((script[1] & 0xff) + 2 != script.length) {
            return null;
        }
        return new WitnessProgram(op == Opcodes.OP_0 ? 0 : op - Opcodes.OP_1 + 1,
                Arrays.copyOfRange(script, 2, script.length));
    }

    public int version() {
        return version;
    }

    /** A copy of the program bytes. */
    public byte[] program() {
        return program.clone();
    }

    /** P2WPKH: version 0 with a 20-byte program. */
    public boolean isPayToWitnessKeyHash() {
        return version == 0 && program.length == KEY_HASH_SIZE;
    }

    /** P2WSH: version 0 with a 32-byte program. */
    public boolean isPayToWitnessScriptHash() {
        return version == 0 && program.length == SCRIPT_HASH_SIZE;
    }

    /**
     * Pay-to-anchor (P2A, Core 28): version 1 with the 2-byte program 0x4e73, an output anyone may spend
     * with an empty witness, so a child can bump its parent's fee.
     */
    public boolean isPayToAnchor() {
        return version == 1 && program.length == 2 && program[0] == 0x4e && program[1] == 0x73;
    }

    /** P2TR: version 1 with a 32-byte program (a taproot output only when not nested in P2SH). */
    public boolean isPayToTaproot() {
        return version == 1 && program.length == TaprootSpend.PROGRAM_SIZE;
    }

    /**
     * Core's VerifyWitnessProgram: checks {@code witness} against this program and runs the script it
     * names. Fails the evaluation by throwing {@link ScriptFailure}.
     *
     * @param nestedInP2sh whether the program was a P2SH redeem script (taproot's v1 is native only)
     */
    void verify(Witness witness, int flags, SignatureChecker checker, boolean nestedInP2sh) {
        if (version == 0) {
            if (program.length == SCRIPT_HASH_SIZE) {
                if (witness.isEmpty()) {
                    Interpreter.fail(ScriptError.WITNESS_PROGRAM_WITNESS_EMPTY);
                }
                byte[] witnessScript = witness.unsafeGet(witness.size() - 1);
                if (!MessageDigest.isEqual(Hashes.sha256(witnessScript), program)) {
                    Interpreter.fail(ScriptError.WITNESS_PROGRAM_MISMATCH);
                }
                executeWitnessScript(initialStack(witness, witness.size() - 1), witnessScript, flags, checker,
                        SigVersion.WITNESS_V0, null);
            } else if (program.length == KEY_HASH_SIZE) {
                if (witness.size() != 2) {
                    Interpreter.fail(ScriptError.WITNESS_PROGRAM_MISMATCH);
                }
                executeWitnessScript(initialStack(witness, 2), payToKeyHashScript(program), flags, checker,
                        SigVersion.WITNESS_V0, null);
            } else {
                Interpreter.fail(ScriptError.WITNESS_PROGRAM_WRONG_LENGTH);
            }
            return;
        }
        if (isPayToTaproot() && !nestedInP2sh) {
            // Before the soft fork (no TAPROOT flag) a taproot output is anyone-can-spend, and not
            // discouraged: it is a known version, not one reserved for upgrades.
            if ((flags & ScriptFlag.TAPROOT.bit) != 0) {
                TaprootSpend.verify(program, witness, flags, checker);
            }
            return;
        }
        if (isPayToAnchor() && !nestedInP2sh) {
            return; // a known program, not an upgrade hook: never discouraged (policy limits its witness)
        }
        if ((flags & ScriptFlag.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM.bit) != 0) {
            Interpreter.fail(ScriptError.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM);
        }
        // Other versions: anyone can spend, until a soft fork gives them meaning.
    }

    /**
     * Core's CountWitnessSigOps for one input (the caller checks that WITNESS applies): a P2WPKH spend
     * costs 1, a P2WSH spend the accurate count of its witness script, bare or nested in P2SH; anything
     * else 0. Witness sigops count once, not four times, toward the block's sigop cost.
     */
    public static int sigOps(byte[] scriptSig, byte[] scriptPubKey, Witness witness) {
        WitnessProgram p = parse(scriptPubKey);
        if (p != null) {
            return p.sigOps(witness);
        }
        if (ScriptCode.isPayToScriptHash(scriptPubKey) && ScriptCode.isPushOnly(scriptSig)) {
            byte[] last = null;
            ScriptCursor c = new ScriptCursor(scriptSig);
            while (c.next()) {
                last = c.data();
            }
            WitnessProgram nested = last == null ? null : parse(last);
            if (nested != null) {
                return nested.sigOps(witness);
            }
        }
        return 0;
    }

    private int sigOps(Witness witness) {
        if (version != 0) {
            return 0;
        }
        if (program.length == KEY_HASH_SIZE) {
            return 1;
        }
        if (program.length == SCRIPT_HASH_SIZE && !witness.isEmpty()) {
            return ScriptCode.accurateSigOpCount(witness.unsafeGet(witness.size() - 1));
        }
        return 0;
    }

    /** The first {@code items} witness items, bottom first: the stack a witness script starts with. */
    static ScriptStack initialStack(Witness witness, int items) {
        ScriptStack stack = new ScriptStack();
        for (int i = 0; i < items; i++) {
            stack.push(witness.unsafeGet(i));
        }
        return stack;
    }

    /**
     * Core's ExecuteWitnessScript: runs a P2WPKH, P2WSH or tapscript {@code script} on {@code stack}.
     * A tapscript is first scanned for OP_SUCCESSx and may start with at most 1,000 items; for all,
     * no item may exceed 520 bytes, and the script must leave exactly one true item.
     *
     * @param exec the input's taproot state for a tapscript, else null
     */
    static void executeWitnessScript(ScriptStack stack, byte[] script, int flags, SignatureChecker checker,
            SigVersion sigVersion, ScriptExecutionData exec) {
        if (sigVersion == SigVersion.TAPSCRIPT) {
            // OP_SUCCESSx overrides everything after it here, the item size limit included.
            if (Tapscript.succeedsUnconditionally(script, flags)) {
                return;
            }
            if (stack.size() > Interpreter.MAX_STACK_SIZE) {
                Interpreter.fail(ScriptError.STACK_SIZE);
            }
        }
        for (byte[] item : stack.unsafeItems()) {
            if (item.length > Interpreter.MAX_ELEMENT_SIZE) {
                Interpreter.fail(ScriptError.PUSH_SIZE);
            }
        }
        ScriptError e = sigVersion == SigVersion.TAPSCRIPT
                ? Interpreter.evalTapscript(script, stack, checker, flags, exec)
                : Interpreter.eval(script, stack, checker, flags, sigVersion);
        if (!e.isOk()) {
            Interpreter.fail(e);
        }
        // Witness scripts imply CLEANSTACK: exactly one true item must remain.
        if (stack.size() != 1) {
            Interpreter.fail(ScriptError.CLEANSTACK);
        }
        if (!ScriptNum.castToBool(stack.peek(1))) {
            Interpreter.fail(ScriptError.EVAL_FALSE);
        }
    }

    /** The script a P2WPKH spend runs: DUP HASH160 [keyHash] EQUALVERIFY CHECKSIG (BIP 143's scriptCode). */
    static byte[] payToKeyHashScript(byte[] keyHash) {
        byte[] s = new byte[25];
        s[0] = (byte) Opcodes.OP_DUP;
        s[1] = (byte) Opcodes.OP_HASH160;
        s[2] = 20;
        System.arraycopy(keyHash, 0, s, 3, 20);
        s[23] = (byte) Opcodes.OP_EQUALVERIFY;
        s[24] = (byte) Opcodes.OP_CHECKSIG;
        return s;
    }
}
