package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Witness;

/**
 * BIP 341's spending rules for a taproot output, a native witness v1 program of 32 bytes (the taproot
 * branch of Core's {@code VerifyWitnessProgram}). The witness, after an optional annex (a last item of at
 * least two starting with 0x50, signed but otherwise meaningless today), is either one Schnorr signature
 * by the output key (key path) or the script's inputs, the script and a control block proving the
 * script is a leaf of the tree the output key commits to (script path). Leaf version 0xc0 is tapscript
 * (BIP 342); other leaf versions are left to future soft forks and succeed. Stateless.
 */
public final class TaprootSpend {
    /** A taproot output's program: the x-only output key. */
    static final int PROGRAM_SIZE = 32;

    private TaprootSpend() {
    }

    /** Checks {@code witness} against output key {@code program}; fails by throwing {@link ScriptFailure}. */
    static void verify(byte[] program, Witness witness, int flags, SignatureChecker checker) {
        int items = witness.size();
        if (items == 0) {
            Interpreter.fail(ScriptError.WITNESS_PROGRAM_WITNESS_EMPTY);
        }
        ScriptExecutionData exec = new ScriptExecutionData();
        if (hasAnnex(witness)) {
            // The annex is signed (its hash is part of every signature hash of this input), then dropped.
            exec.annexHash(annexHash(witness.unsafeGet(items - 1)));
            items--;
        }
        if (items == 1) {
            ScriptError e = checker.checkSchnorrSignature(witness.unsafeGet(0), program, SigVersion.TAPROOT, exec);
            if (!e.isOk()) {
                Interpreter.fail(e);
            }
            return;
        }
        byte[] control = witness.unsafeGet(items - 1);
        byte[] script = witness.unsafeGet(items - 2);
        if (!Taproot.isValidControlSize(control.length)) {
            Interpreter.fail(ScriptError.TAPROOT_WRONG_CONTROL_SIZE);
        }
        int leafVersion = control[0] & Taproot.LEAF_MASK;
        byte[] leafHash = Taproot.leafHash(leafVersion, script);
        if (!Taproot.verifyCommitment(control, program, leafHash)) {
            Interpreter.fail(ScriptError.WITNESS_PROGRAM_MISMATCH);
        }
        exec.tapleafHash(leafHash);
        if (leafVersion == Taproot.LEAF_VERSION_TAPSCRIPT) {
            // BIP 342's budget: the whole witness's size (annex, script and control block included), so
            // signature checks are paid for by the bytes that carry them.
            exec.validationWeightLeft(witness.serializedSize() + Tapscript.VALIDATION_WEIGHT_OFFSET);
            WitnessProgram.executeWitnessScript(WitnessProgram.initialStack(witness, items - 2), script, flags,
                    checker, SigVersion.TAPSCRIPT, exec);
            return;
        }
        if ((flags & ScriptFlag.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION.bit) != 0) {
            Interpreter.fail(ScriptError.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION);
        }
        // An unknown leaf version: anyone who can show the leaf may spend, until a soft fork defines it.
    }

    /** Whether a taproot spend's {@code witness} ends with an annex: at least two items, the last starting 0x50. */
    public static boolean hasAnnex(Witness witness) {
        int n = witness.size();
        if (n < 2) {
            return false;
        }
        byte[] last = witness.unsafeGet(n - 1);
        return last.length > 0 && (last[0] & 0xff) == Taproot.ANNEX_TAG;
    }

    /** BIP 341's sha_annex: SHA-256 of the annex serialized with its compact-size length. */
    static byte[] annexHash(byte[] annex) {
        ByteWriter w = new ByteWriter(annex.length + 9);
        w.writeVarBytes(annex);
        return Hashes.sha256(w.toByteArray());
    }
}
