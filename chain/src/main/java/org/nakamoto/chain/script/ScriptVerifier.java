package org.nakamoto.chain.script;

import java.util.Arrays;
import java.util.Set;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.Witness;

/**
 * Whether a scriptSig and witness unlock a scriptPubKey (Core's {@code VerifyScript}): the scriptSig
 * runs first, the scriptPubKey then runs on the stack it left (each with its own altstack and
 * conditionals), and the spend is valid iff the top item is then true. With {@link ScriptFlag#P2SH}, a
 * BIP 16 scriptPubKey also runs the serialized script the scriptSig pushed last. With
 * {@link ScriptFlag#WITNESS}, a scriptPubKey or P2SH redeem script that is a witness program is
 * satisfied by the witness instead ({@link WitnessProgram}; with {@link ScriptFlag#TAPROOT}, a native v1
 * program by BIP 341's key or script path); the scriptSig must then be empty (or just the redeem script),
 * and a witness given to anything else is refused. SIGPUSHONLY and CLEANSTACK
 * constrain the scriptSig and the final stack. Every flag also reaches the interpreter.
 * Stateless and thread-safe; every call is independent, so block validation may run inputs on a worker
 * pool.
 */
public final class ScriptVerifier {
    private ScriptVerifier() {
    }

    /** Verifies a spend without witness. */
    public static ScriptError verify(Script scriptSig, Script scriptPubKey, SignatureChecker checker,
            Set<ScriptFlag> flags) {
        return verify(scriptSig, scriptPubKey, Witness.EMPTY, checker, flags);
    }

    public static ScriptError verify(Script scriptSig, Script scriptPubKey, Witness witness, SignatureChecker checker,
            Set<ScriptFlag> flags) {
        try {
            return verifyUnchecked(scriptSig.unsafeBytes(), scriptPubKey.unsafeBytes(), witness, checker,
                    ScriptFlags.mask(flags));
        } catch (ScriptFailure f) {
            return f.error;
        } catch (RuntimeException e) {
            return ScriptError.UNKNOWN_ERROR;
        }
    }

    /**
     * Verifies input {@code inputIndex} of {@code tx} against the output it spends, legacy scripts only: no
     * spent amount is known, so a witness signature fails. Use the overload with the amount for segwit.
     */
    public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey, Set<ScriptFlag> flags) {
        TxIn in = tx.inputs().get(inputIndex);
        return verify(in.scriptSig(), scriptPubKey, in.witness(), new TransactionSignatureChecker(tx, inputIndex),
                flags);
    }

    /**
     * Verifies input {@code inputIndex} of {@code tx}, spending a coin of {@code amount} locked by
     * {@code scriptPubKey}. Legacy and segwit v0 only: a taproot signature signs every input's spent output,
     * which this overload does not know, so it fails; use the one taking a {@link PrecomputedTxData} made
     * with the spent outputs.
     */
    public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey, long amount,
            Set<ScriptFlag> flags) {
        return verifyInput(tx, inputIndex, scriptPubKey, amount, flags, new PrecomputedTxData(tx));
    }

    /**
     * As above, sharing {@code data} (BIP 143's and BIP 341's per-transaction hashes) between the inputs of
     * {@code tx}; taproot inputs verify only when {@code data} was made with the spent outputs.
     */
    public static ScriptError verifyInput(Transaction tx, int inputIndex, Script scriptPubKey, long amount,
            Set<ScriptFlag> flags, PrecomputedTxData data) {
        TxIn in = tx.inputs().get(inputIndex);
        return verify(in.scriptSig(), scriptPubKey, in.witness(),
                new TransactionSignatureChecker(tx, inputIndex, amount, data), flags);
    }

    private static ScriptError verifyUnchecked(byte[] scriptSig, byte[] scriptPubKey, Witness witness,
            SignatureChecker checker, int flags) {
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
        boolean witnessOn = (flags & ScriptFlag.WITNESS.bit) != 0;
        boolean hadWitness = false;
        if (witnessOn) {
            WitnessProgram program = WitnessProgram.parse(scriptPubKey);
            if (program != null) {
                hadWitness = true;
                // A native witness spend's scriptSig must be empty, or third parties could malleate it.
                if (scriptSig.length != 0) {
                    return ScriptError.WITNESS_MALLEATED;
                }
                program.verify(witness, flags, checker, false);
                // The scriptPubKey's own result stays on the stack: keep one item so CLEANSTACK passes.
                stack = singleTrue();
            }
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
            if (witnessOn) {
                WitnessProgram program = WitnessProgram.parse(redeemScript);
                if (program != null) {
                    hadWitness = true;
                    // The scriptSig must be exactly the push of the redeem script, nothing else.
                    if (!Arrays.equals(scriptSig, ScriptCode.pushOf(redeemScript))) {
                        return ScriptError.WITNESS_MALLEATED_P2SH;
                    }
                    program.verify(witness, flags, checker, true);
                    stack = singleTrue();
                }
            }
        }
        // Only now: before P2SH evaluation the redeem script's inputs are still on the stack.
        if ((flags & ScriptFlag.CLEANSTACK.bit) != 0 && stack.size() != 1) {
            return ScriptError.CLEANSTACK;
        }
        // A witness nobody asked for could be stuffed into any input by a relaying third party.
        if (witnessOn && !hadWitness && !witness.isEmpty()) {
            return ScriptError.WITNESS_UNEXPECTED;
        }
        return ScriptError.OK;
    }

    private static ScriptStack singleTrue() {
        ScriptStack s = new ScriptStack();
        s.push(Interpreter.TRUE);
        return s;
    }

    private static boolean topIsTrue(ScriptStack stack) {
        return !stack.isEmpty() && ScriptNum.castToBool(stack.peek(1));
    }
}
