package org.nakamoto.chain.script;

/**
 * The rules BIP 342 changes for scripts of leaf version 0xc0 (Core's tapscript branches of
 * {@code ExecuteWitnessScript} and {@code EvalChecksigTapscript}): the OP_SUCCESSx scan that runs before
 * anything else, and signature checks that are Schnorr over 32-byte keys, paid for from the input's
 * validation weight budget. The interpreter calls these where its tapscript rules differ; everything else
 * (minimal IF, no CHECKMULTISIG, OP_CHECKSIGADD, no size or opcode limits) is in {@link Interpreter}.
 * Stateless.
 */
final class Tapscript {
    /** BIP 342: each signature check that is not skipped (non-empty signature) costs this much weight. */
    static final long VALIDATION_WEIGHT_PER_SIGOP_PASSED = 50;
    /** BIP 342: the budget is the witness's serialized size plus this. */
    static final long VALIDATION_WEIGHT_OFFSET = 50;

    private Tapscript() {
    }

    /**
     * Walks {@code script} before execution: an OP_SUCCESSx anywhere (even after a malformed push would
     * be reached, or in a branch that would not run) makes it succeed unconditionally, or fail under
     * DISCOURAGE_OP_SUCCESS. A push running past the end before any OP_SUCCESSx fails it.
     *
     * @return true when an OP_SUCCESSx decided the outcome (success) and the script must not run
     */
    static boolean succeedsUnconditionally(byte[] script, int flags) {
        ScriptCursor cursor = new ScriptCursor(script);
        while (cursor.hasMore()) {
            if (!cursor.next()) {
                Interpreter.fail(ScriptError.BAD_OPCODE);
            }
            if (Opcodes.isSuccess(cursor.opcode())) {
                if ((flags & ScriptFlag.DISCOURAGE_OP_SUCCESS.bit) != 0) {
                    Interpreter.fail(ScriptError.DISCOURAGE_OP_SUCCESS);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * One tapscript signature check (CHECKSIG, CHECKSIGVERIFY, CHECKSIGADD), in BIP 342's order, which is
     * consensus: an empty signature is a failed check that costs nothing; a non-empty one costs
     * {@link #VALIDATION_WEIGHT_PER_SIGOP_PASSED} even with a key of unknown type; an empty key fails
     * the script; a 32-byte key is Schnorr, and a non-empty signature that does not verify fails the
     * script (no "false" result, unlike ECDSA without NULLFAIL); other key sizes are unknown key types,
     * which succeed unless DISCOURAGE_UPGRADABLE_PUBKEYTYPE.
     *
     * @return whether the check succeeded (false only for an empty signature)
     */
    static boolean checkSignature(byte[] sig, byte[] pubKey, ScriptExecutionData exec, int flags,
            SignatureChecker checker) {
        boolean success = sig.length != 0;
        if (success) {
            long left = exec.validationWeightLeft() - VALIDATION_WEIGHT_PER_SIGOP_PASSED;
            exec.validationWeightLeft(left);
            if (left < 0) {
                Interpreter.fail(ScriptError.TAPSCRIPT_VALIDATION_WEIGHT);
            }
        }
        if (pubKey.length == 0) {
            Interpreter.fail(ScriptError.TAPSCRIPT_EMPTY_PUBKEY);
        } else if (pubKey.length == 32) {
            if (success) {
                ScriptError e = checker.checkSchnorrSignature(sig, pubKey, SigVersion.TAPSCRIPT, exec);
                if (!e.isOk()) {
                    Interpreter.fail(e);
                }
            }
        } else if ((flags & ScriptFlag.DISCOURAGE_UPGRADABLE_PUBKEYTYPE.bit) != 0) {
            // A future key type: a soft fork may define it, so today it must neither fail nor change success.
            Interpreter.fail(ScriptError.DISCOURAGE_UPGRADABLE_PUBKEYTYPE);
        }
        return success;
    }

    /** OP_CHECKSIG and OP_CHECKSIGVERIFY in a tapscript: (sig key -- bool), or (sig key --) verifying. */
    static void checkSig(ScriptStack stack, ScriptExecutionData exec, int flags, SignatureChecker checker,
            boolean verify) {
        stack.require(2);
        boolean ok = checkSignature(stack.peek(2), stack.peek(1), exec, flags, checker);
        SignatureOps.popSigAndKey(stack, ok, verify);
    }

    /**
     * OP_CHECKSIGADD: (sig n key -- n + success), BIP 342's replacement for CHECKMULTISIG (k-of-n is n
     * keys each with CHECKSIGADD, then k NUMEQUAL), which lets every check be batch-verifiable.
     */
    static void checkSigAdd(ScriptStack stack, ScriptExecutionData exec, int flags, SignatureChecker checker) {
        stack.require(3);
        byte[] sig = stack.peek(3);
        // A 4-byte operand as any arithmetic; the sum may take 5 bytes, as in Core.
        long n = ScriptNum.decode(stack.peek(2), (flags & ScriptFlag.MINIMALDATA.bit) != 0);
        byte[] pubKey = stack.peek(1);
        boolean ok = checkSignature(sig, pubKey, exec, flags, checker);
        stack.pop();
        stack.pop();
        stack.pop();
        stack.push(ScriptNum.encode(n + (ok ? 1 : 0)));
    }
}
