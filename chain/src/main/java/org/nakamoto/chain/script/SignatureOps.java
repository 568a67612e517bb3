package org.nakamoto.chain.script;

/**
 * OP_CHECKSIG and OP_CHECKMULTISIG with their legacy quirks: the signature is FindAndDeleted from the
 * signed script code, and CHECKMULTISIG pops one extra, unchecked item (the off-by-one "dummy"). The
 * flags add encoding rules (see {@link SignatureEncoding}), NULLDUMMY, NULLFAIL and CONST_SCRIPTCODE.
 * Stateless.
 */
final class SignatureOps {
    public static final int MAX_PUBKEYS_PER_MULTISIG = 20;

    private SignatureOps() {
    }

    static void checkSig(ScriptStack stack, byte[] scriptCode, SignatureChecker checker, int flags,
            SigVersion sigVersion, boolean verify) {
        stack.require(2);
        byte[] sig = stack.peek(2);
        byte[] pubKey = stack.peek(1);
        byte[] code = scriptCode;
        if (sigVersion == SigVersion.BASE) {
            code = removeSignature(code, sig, flags);
        }
        SignatureEncoding.checkSignature(sig, flags);
        SignatureEncoding.checkPublicKey(pubKey, flags, sigVersion);
        boolean ok = checker.checkSignature(sig, pubKey, code, sigVersion);
        if (!ok && (flags & ScriptFlag.NULLFAIL.bit) != 0 && sig.length != 0) {
            Interpreter.fail(ScriptError.SIG_NULLFAIL);
        }
        popSigAndKey(stack, ok, verify);
    }

    /**
     * The end of every CHECKSIG (legacy, witness v0, tapscript): the signature and key leave the stack,
     * then the result is pushed, or for CHECKSIGVERIFY required.
     */
    static void popSigAndKey(ScriptStack stack, boolean ok, boolean verify) {
        stack.pop();
        stack.pop();
        if (verify) {
            if (!ok) {
                Interpreter.fail(ScriptError.CHECKSIGVERIFY);
            }
        } else {
            stack.push(ok ? Interpreter.TRUE : Interpreter.FALSE);
        }
    }

    /**
     * Stack, top first: key count n, n keys, signature count m, m signatures, dummy. Signatures must match
     * keys in order; each key is tried once. Returns the op count raised by n, since every key counts
     * against the 201-operation limit.
     */
    static int checkMultiSig(ScriptStack stack, byte[] scriptCode, SignatureChecker checker, int opCount,
            int flags, SigVersion sigVersion, boolean verify) {
        boolean requireMinimal = (flags & ScriptFlag.MINIMALDATA.bit) != 0;
        int i = 1;
        stack.require(i);
        long keys = ScriptNum.decode(stack.peek(i), requireMinimal);
        if (keys < 0 || keys > MAX_PUBKEYS_PER_MULTISIG) {
            Interpreter.fail(ScriptError.PUBKEY_COUNT);
        }
        opCount += (int) keys;
        if (opCount > Interpreter.MAX_OPS_PER_SCRIPT) {
            Interpreter.fail(ScriptError.OP_COUNT);
        }
        int keyPos = ++i;
        // Items above the signatures: the key count, the keys and the signature count.
        int nonSignatureItems = (int) keys + 2;
        i += (int) keys;
        stack.require(i);
        long sigs = ScriptNum.decode(stack.peek(i), requireMinimal);
        if (sigs < 0 || sigs > keys) {
            Interpreter.fail(ScriptError.SIG_COUNT);
        }
        int sigPos = ++i;
        i += (int) sigs;
        stack.require(i);

        byte[] code = scriptCode;
        if (sigVersion == SigVersion.BASE) {
            for (int k = 0; k < sigs; k++) {
                code = removeSignature(code, stack.peek(sigPos + k), flags);
            }
        }
        int keysLeft = (int) keys;
        int sigsLeft = (int) sigs;
        boolean success = true;
        while (success && sigsLeft > 0) {
            byte[] sig = stack.peek(sigPos);
            byte[] key = stack.peek(keyPos);
            // Checked pair by pair, so which operands are looked at (and can fail the script) depends on
            // which signatures matched: consensus, and pinned by Core's vectors.
            SignatureEncoding.checkSignature(sig, flags);
            SignatureEncoding.checkPublicKey(key, flags, sigVersion);
            if (checker.checkSignature(sig, key, code, sigVersion)) {
                sigPos++;
                sigsLeft--;
            }
            keyPos++;
            keysLeft--;
            // More signatures left than keys to match them: give up without checking further.
            if (sigsLeft > keysLeft) {
                success = false;
            }
        }
        boolean nullFail = !success && (flags & ScriptFlag.NULLFAIL.bit) != 0;
        for (int n = 1; n < i; n++) {
            // Under NULLFAIL a failed check must have had only empty signatures.
            if (nullFail && n > nonSignatureItems && stack.peek(1).length != 0) {
                Interpreter.fail(ScriptError.SIG_NULLFAIL);
            }
            stack.pop();
        }
        // The original off-by-one: one more item is consumed, looked at only under NULLDUMMY.
        stack.require(1);
        if ((flags & ScriptFlag.NULLDUMMY.bit) != 0 && stack.peek(1).length != 0) {
            Interpreter.fail(ScriptError.SIG_NULLDUMMY);
        }
        stack.pop();
        if (verify) {
            if (!success) {
                Interpreter.fail(ScriptError.CHECKMULTISIGVERIFY);
            }
        } else {
            stack.push(success ? Interpreter.TRUE : Interpreter.FALSE);
        }
        return opCount;
    }

    /**
     * FindAndDelete of the signature's push from the code it signs: a legacy signature cannot sign itself.
     * Under CONST_SCRIPTCODE, finding it fails the script instead.
     */
    private static byte[] removeSignature(byte[] code, byte[] sig, int flags) {
        byte[] edited = ScriptCode.findAndDelete(code, ScriptCode.pushOf(sig));
        if (edited != code && (flags & ScriptFlag.CONST_SCRIPTCODE.bit) != 0) {
            Interpreter.fail(ScriptError.SIG_FINDANDDELETE);
        }
        return edited;
    }
}
