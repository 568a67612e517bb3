package org.nakamoto.chain.script;

/**
 * OP_CHECKSIG and OP_CHECKMULTISIG with their legacy quirks: the signature is FindAndDeleted from the
 * signed script code, and CHECKMULTISIG pops one extra, unchecked item (the off-by-one "dummy").
 * Stateless.
 */
final class SignatureOps {
    public static final int MAX_PUBKEYS_PER_MULTISIG = 20;

    private SignatureOps() {
    }

    static void checkSig(ScriptStack stack, byte[] scriptCode, SignatureChecker checker, boolean verify) {
        stack.require(2);
        byte[] sig = stack.peek(2);
        byte[] pubKey = stack.peek(1);
        // A legacy signature cannot sign itself, so it is removed from the code it signs.
        byte[] code = ScriptCode.findAndDelete(scriptCode, ScriptCode.pushOf(sig));
        boolean ok = checker.checkSignature(sig, pubKey, code);
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
            boolean verify) {
        int i = 1;
        stack.require(i);
        long keys = ScriptNum.decode(stack.peek(i));
        if (keys < 0 || keys > MAX_PUBKEYS_PER_MULTISIG) {
            Interpreter.fail(ScriptError.PUBKEY_COUNT);
        }
        opCount += (int) keys;
        if (opCount > Interpreter.MAX_OPS_PER_SCRIPT) {
            Interpreter.fail(ScriptError.OP_COUNT);
        }
        int keyPos = ++i;
        i += (int) keys;
        stack.require(i);
        long sigs = ScriptNum.decode(stack.peek(i));
        if (sigs < 0 || sigs > keys) {
            Interpreter.fail(ScriptError.SIG_COUNT);
        }
        int sigPos = ++i;
        i += (int) sigs;
        stack.require(i);

        byte[] code = scriptCode;
        for (int k = 0; k < sigs; k++) {
            code = ScriptCode.findAndDelete(code, ScriptCode.pushOf(stack.peek(sigPos + k)));
        }
        int keysLeft = (int) keys;
        int sigsLeft = (int) sigs;
        boolean success = true;
        while (success && sigsLeft > 0) {
            if (checker.checkSignature(stack.peek(sigPos), stack.peek(keyPos), code)) {
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
        for (int n = 1; n < i; n++) {
            stack.pop();
        }
        // The original off-by-one: one more item is consumed and never looked at.
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
}
