package org.nakamoto.chain.script;

import java.util.Set;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;

/**
 * Whether a scriptSig unlocks a scriptPubKey (Core's {@code VerifyScript}, legacy part): the scriptSig
 * runs first, the scriptPubKey then runs on the stack it left (each with its own altstack and
 * conditionals), and the spend is valid iff the top item is then true. With {@link ScriptFlag#P2SH}, a
 * BIP 16 scriptPubKey also runs the serialized script the scriptSig pushed last; SIGPUSHONLY and
 * CLEANSTACK constrain the scriptSig and the final stack. Every flag also reaches the interpreter.
 * Stateless and thread-safe; every call is independent, so block validation may run inputs on a worker
 * pool.
 */
public final class ScriptVerifier {
    private ScriptVerifier() {
    }

    public static ScriptError verify(Script scriptSig, Script scriptPubKey, SignatureChecker checker,
            Set<ScriptFlag> flags) {
        try {
            return verifyUnchecked(scriptSig.unsafeBytes(), scriptPubKey.unsafeBytes(), checker,
                    ScriptFlags.mask(flags));
        } catch (RuntimeException e) {
            return ScriptError.UNKNOWN_ERROR;
        }
    }

    /** Verifies input {@code inputIndex} of {@code tx} against the output it spends. */
    public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey, Set<ScriptFlag> flags) {
        return verify(tx.inputs().get(inputIndex).scriptSig(), scriptPubKey,
                new TransactionSignatureChecker(tx, inputIndex), flags);
    }

    private static ScriptError verifyUnchecked(byte[] scriptSig, byte[] scriptPubKey, SignatureChecker checker,
            int flags) {
        if ((flags & ScriptFlag.SIGPUSHONLY.bit) != 0 && !ScriptCode.isPushOnly(scriptSig)) {
            return ScriptError.SIG_PUSHONLY;
        }
        ScriptStack stack = new ScriptStack();
        ScriptError e = Interpreter.eval(scriptSig, stack, checker, flags, SigVersion.BASE);
        if (!e.isOk()) {
            return e;
        }
        boolean p2sh = (flags & ScriptFlag.P2SH.bit) != 0 && ScriptCode.isPayToScriptHash(scriptPubKey);
        ScriptStack beforePubKey = p2sh ? stack.copy() : null;
        e = Interpreter.eval(scriptPubKey, stack, checker, flags, SigVersion.BASE);
        if (!e.isOk()) {
            return e;
        }
        if (!topIsTrue(stack)) {
            return ScriptError.EVAL_FALSE;
        }
        if (p2sh) {
            if (!ScriptCode.isPushOnly(scriptSig)) {
                return ScriptError.SIG_PUSHONLY;
            }
            // Not empty: the scriptPubKey hashed an item that the scriptSig pushed.
            stack = beforePubKey;
            byte[] redeemScript = stack.pop();
            e = Interpreter.eval(redeemScript, stack, checker, flags, SigVersion.BASE);
            if (!e.isOk()) {
                return e;
            }
            if (!topIsTrue(stack)) {
                return ScriptError.EVAL_FALSE;
            }
        }
        // Only now: before P2SH evaluation the redeem script's inputs are still on the stack.
        if ((flags & ScriptFlag.CLEANSTACK.bit) != 0 && stack.size() != 1) {
            return ScriptError.CLEANSTACK;
        }
        return ScriptError.OK;
    }

    private static boolean topIsTrue(ScriptStack stack) {
        return !stack.isEmpty() && ScriptNum.castToBool(stack.peek(1));
    }
}
