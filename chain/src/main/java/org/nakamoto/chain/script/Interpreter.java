package org.nakamoto.chain.script;

import static org.nakamoto.chain.script.Opcodes.*;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bitcoin's script interpreter: a stack machine that runs one script on a stack, following Core's
 * {@code EvalScript} step for step, with the {@link ScriptFlag}s the caller chose. Legacy, witness v0 and
 * tapscript ({@link SigVersion}) share it; tapscript drops the size and opcode-count limits, makes
 * MINIMALIF consensus, replaces CHECKMULTISIG by OP_CHECKSIGADD and checks signatures as {@link Tapscript}
 * says. It is longer than the project's other classes because its core is one dispatch over the opcodes,
 * kept in one place so it can be read against Core's EvalScript; arithmetic, signatures, stacks and
 * conditions live in their own classes.
 * Failure is a {@link ScriptError} value; nothing a script does can throw out of {@link #eval}.
 * An instance lives for one evaluation and is not thread-safe; {@link #eval} is safe to call from many
 * threads at once.
 */
public final class Interpreter {
    public static final int MAX_SCRIPT_SIZE = 10_000;
    public static final int MAX_ELEMENT_SIZE = 520;
    public static final int MAX_OPS_PER_SCRIPT = 201;
    public static final int MAX_STACK_SIZE = 1_000;

    /** CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY read operands of up to 5 bytes. */
    private static final int LOCKTIME_OPERAND_SIZE = 5;
    private static final long SEQUENCE_LOCKTIME_DISABLE_FLAG = 1L << 31;

    private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);
    // Shared, never modified: stack items are immutable by convention.
    static final byte[] TRUE = {1};
    static final byte[] FALSE = {};

    private final byte[] script;
    private final ScriptStack stack;
    private final ScriptStack altStack = new ScriptStack();
    private final ConditionStack conditions = new ConditionStack();
    private final SignatureChecker checker;
    /** {@link ScriptFlag} bits; tested with one AND where a rule applies. */
    private final int flags;
    private final SigVersion sigVersion;
    /** The input's tapscript state (weight budget, code separator position); null for other scripts. */
    private final ScriptExecutionData exec;
    private final boolean requireMinimal;
    private int opCount;
    /** Index of the current opcode in the script (pushes included): what BIP 342's codesep_pos counts. */
    private long opcodePosition;
    /** Where the script code signed by CHECKSIG begins: just after the last executed OP_CODESEPARATOR. */
    private int codeStart;

    private Interpreter(byte[] script, ScriptStack stack, SignatureChecker checker, int flags, SigVersion sigVersion,
            ScriptExecutionData exec) {
        this.script = script;
        this.stack = stack;
        this.checker = checker;
        this.flags = flags;
        this.sigVersion = sigVersion;
        this.exec = exec;
        this.requireMinimal = (flags & ScriptFlag.MINIMALDATA.bit) != 0;
    }

    /** Runs {@code script} on {@code stack} under the original rules, leaving the stack as the script left it. */
    public static ScriptError eval(Script script, ScriptStack stack, SignatureChecker checker) {
        return eval(script.unsafeBytes(), stack, checker, 0, SigVersion.BASE);
    }

    /** Runs legacy {@code script} on {@code stack} under {@code flags}, leaving the stack as the script left it. */
    public static ScriptError eval(Script script, ScriptStack stack, SignatureChecker checker, Set<ScriptFlag> flags) {
        return eval(script.unsafeBytes(), stack, checker, ScriptFlags.mask(flags), SigVersion.BASE);
    }

    static ScriptError eval(byte[] script, ScriptStack stack, SignatureChecker checker, int flags,
            SigVersion sigVersion) {
        if (sigVersion == SigVersion.TAPSCRIPT) {
            throw new IllegalArgumentException("a tapscript runs with its input's execution data");
        }
        return eval(script, stack, checker, flags, sigVersion, null);
    }

    /** Runs a tapscript with its input's {@code exec} (weight budget, tapleaf hash, annex). */
    static ScriptError evalTapscript(byte[] script, ScriptStack stack, SignatureChecker checker, int flags,
            ScriptExecutionData exec) {
        return eval(script, stack, checker, flags, SigVersion.TAPSCRIPT, Objects.requireNonNull(exec));
    }

    private static ScriptError eval(byte[] script, ScriptStack stack, SignatureChecker checker, int flags,
            SigVersion sigVersion, ScriptExecutionData exec) {
        try {
            new Interpreter(script, stack, checker, flags, sigVersion, exec).run();
            return ScriptError.OK;
        } catch (ScriptFailure f) {
            return f.error;
        } catch (RuntimeException e) {
            // A bug here or in the checker must not take the node down; the script just fails.
            LOG.warn("unexpected exception evaluating script", e);
            return ScriptError.UNKNOWN_ERROR;
        }
    }

    static void fail(ScriptError error) {
        throw new ScriptFailure(error);
    }

    private void run() {
        boolean tapscript = sigVersion == SigVersion.TAPSCRIPT;
        // BIP 342 drops both limits: the validation weight budget bounds a tapscript's cost instead.
        if (!tapscript && script.length > MAX_SCRIPT_SIZE) {
            fail(ScriptError.SCRIPT_SIZE);
        }
        if (tapscript) {
            exec.codeSeparatorPosition(ScriptExecutionData.NO_CODE_SEPARATOR);
        }
        ScriptCursor cursor = new ScriptCursor(script);
        for (; cursor.hasMore(); opcodePosition++) {
            boolean executing = conditions.allTrue();
            if (!cursor.next()) {
                fail(ScriptError.BAD_OPCODE);
            }
            int op = cursor.opcode();
            // The limits below apply to every operation, executed or not.
            if (cursor.dataLength() > MAX_ELEMENT_SIZE) {
                fail(ScriptError.PUSH_SIZE);
            }
            if (!tapscript && op > OP_16 && ++opCount > MAX_OPS_PER_SCRIPT) {
                fail(ScriptError.OP_COUNT);
            }
            if (Opcodes.isDisabled(op)) {
                fail(ScriptError.DISABLED_OPCODE);
            }
            // Like the limits above, even in a branch that is not executed.
            if (op == OP_CODESEPARATOR && sigVersion == SigVersion.BASE && has(ScriptFlag.CONST_SCRIPTCODE)) {
                fail(ScriptError.OP_CODESEPARATOR);
            }
            if (executing && op <= OP_PUSHDATA4) {
                byte[] data = cursor.data();
                if (requireMinimal && !isMinimalPush(op, data)) {
                    fail(ScriptError.MINIMALDATA);
                }
                stack.push(data);
            } else if (executing || (op >= OP_IF && op <= OP_ENDIF)) {
                // Conditionals are tracked even in skipped branches (and VERIF/VERNOTIF fail there).
                step(op, executing, cursor.position());
            }
            if (stack.size() + altStack.size() > MAX_STACK_SIZE) {
                fail(ScriptError.STACK_SIZE);
            }
        }
        if (!conditions.isEmpty()) {
            fail(ScriptError.UNBALANCED_CONDITIONAL);
        }
    }

    private void step(int op, boolean executing, int nextPosition) {
        if (op == OP_1NEGATE || (op >= OP_1 && op <= OP_16)) {
            stack.push(ScriptNum.encode(op - (OP_1 - 1)));
            return;
        }
        switch (op) {
            case OP_NOP -> {
            }
            // Without their soft fork, NOP2 and NOP3 are plain NOPs, not discouraged ones: those numbers are
            // taken (as in Core today).
            case OP_CHECKLOCKTIMEVERIFY -> {
                if (has(ScriptFlag.CHECKLOCKTIMEVERIFY)) {
                    checkLockTime();
                }
            }
            case OP_CHECKSEQUENCEVERIFY -> {
                if (has(ScriptFlag.CHECKSEQUENCEVERIFY)) {
                    checkSequence();
                }
            }
            case OP_NOP1, OP_NOP4, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, OP_NOP10 -> upgradableNop();
            case OP_IF, OP_NOTIF -> {
                boolean value = false;
                if (executing) {
                    // An IF with nothing to test is a stack error, as Core reports it today (not an
                    // unbalanced conditional, which is about ELSE and ENDIF).
                    byte[] top = stack.peek(1);
                    boolean minimal = top.length == 0 || (top.length == 1 && top[0] == 1);
                    // Consensus in tapscript, policy in witness v0; a legacy IF accepts any true or false.
                    if (sigVersion == SigVersion.TAPSCRIPT && !minimal) {
                        fail(ScriptError.TAPSCRIPT_MINIMALIF);
                    }
                    if (sigVersion == SigVersion.WITNESS_V0 && has(ScriptFlag.MINIMALIF) && !minimal) {
                        fail(ScriptError.MINIMALIF);
                    }
                    value = ScriptNum.castToBool(top) != (op == OP_NOTIF);
                    stack.pop();
                }
                conditions.push(value);
            }
            case OP_ELSE -> {
                if (conditions.isEmpty()) {
                    fail(ScriptError.UNBALANCED_CONDITIONAL);
                }
                conditions.toggleTop();
            }
            case OP_ENDIF -> {
                if (conditions.isEmpty()) {
                    fail(ScriptError.UNBALANCED_CONDITIONAL);
                }
                conditions.pop();
            }
            case OP_VERIFY -> verify(ScriptError.VERIFY);
            case OP_RETURN -> fail(ScriptError.OP_RETURN);
            case OP_CODESEPARATOR -> {
                codeStart = nextPosition;
                if (exec != null) {
                    // BIP 342 signs the position of the last executed OP_CODESEPARATOR instead of a script code.
                    exec.codeSeparatorPosition(opcodePosition);
                }
            }
            case OP_CHECKSIG, OP_CHECKSIGVERIFY -> {
                if (sigVersion == SigVersion.TAPSCRIPT) {
                    Tapscript.checkSig(stack, exec, flags, checker, op == OP_CHECKSIGVERIFY);
                } else {
                    SignatureOps.checkSig(stack, scriptCode(), checker, flags, sigVersion, op == OP_CHECKSIGVERIFY);
                }
            }
            case OP_CHECKSIGADD -> {
                if (sigVersion != SigVersion.TAPSCRIPT) {
                    fail(ScriptError.BAD_OPCODE);
                }
                Tapscript.checkSigAdd(stack, exec, flags, checker);
            }
            case OP_CHECKMULTISIG, OP_CHECKMULTISIGVERIFY -> {
                if (sigVersion == SigVersion.TAPSCRIPT) {
                    fail(ScriptError.TAPSCRIPT_CHECKMULTISIG);
                }
                opCount = SignatureOps.checkMultiSig(stack, scriptCode(), checker, opCount, flags, sigVersion,
                        op == OP_CHECKMULTISIGVERIFY);
            }
            default -> {
                if (!stackOp(op) && !spliceOrHashOp(op) && !ArithmeticOps.apply(op, stack, requireMinimal)) {
                    // OP_RESERVED, OP_VER, OP_VERIF, OP_VERNOTIF, OP_RESERVED1/2 and every unassigned byte.
                    fail(ScriptError.BAD_OPCODE);
                }
            }
        }
    }

    private boolean has(ScriptFlag flag) {
        return (flags & flag.bit) != 0;
    }

    /** A NOP kept for soft forks: nothing, unless DISCOURAGE_UPGRADABLE_NOPS makes it fail. */
    private void upgradableNop() {
        if (has(ScriptFlag.DISCOURAGE_UPGRADABLE_NOPS)) {
            fail(ScriptError.DISCOURAGE_UPGRADABLE_NOPS);
        }
    }

    /**
     * BIP 65. The operand stays on the stack (the opcode was a NOP, so it may not pop). Five bytes are
     * allowed because lock times reach 2^32 - 1, beyond a 4-byte script number.
     */
    private void checkLockTime() {
        long lockTime = ScriptNum.decode(stack.peek(1), requireMinimal, LOCKTIME_OPERAND_SIZE);
        if (lockTime < 0) {
            fail(ScriptError.NEGATIVE_LOCKTIME);
        }
        if (!checker.checkLockTime(lockTime)) {
            fail(ScriptError.UNSATISFIED_LOCKTIME);
        }
    }

    /** BIP 112; the operand stays on the stack, as for CHECKLOCKTIMEVERIFY. */
    private void checkSequence() {
        long sequence = ScriptNum.decode(stack.peek(1), requireMinimal, LOCKTIME_OPERAND_SIZE);
        if (sequence < 0) {
            fail(ScriptError.NEGATIVE_LOCKTIME);
        }
        // With the disable bit set the operand asks for nothing: a NOP, left for future soft forks.
        if ((sequence & SEQUENCE_LOCKTIME_DISABLE_FLAG) != 0) {
            return;
        }
        if (!checker.checkSequence(sequence)) {
            fail(ScriptError.UNSATISFIED_LOCKTIME);
        }
    }

    /**
     * Core's {@code CheckMinimalPush}: the shortest way to push {@code data} is OP_0 for nothing, OP_1..OP_16
     * and OP_1NEGATE for those single bytes, a direct push up to 75 bytes, then PUSHDATA1, PUSHDATA2.
     */
    static boolean isMinimalPush(int op, byte[] data) {
        int n = data.length;
        if (n == 0) {
            return op == OP_0;
        }
        if (n == 1 && ((data[0] >= 1 && data[0] <= 16) || (data[0] & 0xff) == 0x81)) {
            return false;
        }
        if (n < OP_PUSHDATA1) {
            return op == n;
        }
        if (n <= 0xff) {
            return op == OP_PUSHDATA1;
        }
        if (n <= 0xffff) {
            return op == OP_PUSHDATA2;
        }
        return true;
    }

    private byte[] scriptCode() {
        return Arrays.copyOfRange(script, codeStart, script.length);
    }

    /** Pops the top item if it is true; otherwise fails with {@code error}. */
    private void verify(ScriptError error) {
        if (!ScriptNum.castToBool(stack.peek(1))) {
            fail(error);
        }
        stack.pop();
    }

    private boolean stackOp(int op) {
        ScriptStack s = stack;
        switch (op) {
            case OP_TOALTSTACK -> altStack.push(s.pop());
            case OP_FROMALTSTACK -> {
                if (altStack.isEmpty()) {
                    fail(ScriptError.INVALID_ALTSTACK_OPERATION);
                }
                s.push(altStack.pop());
            }
            case OP_2DROP -> {
                s.require(2);
                s.pop();
                s.pop();
            }
            case OP_2DUP -> {
                s.require(2);
                byte[] a = s.peek(2);
                byte[] b = s.peek(1);
                s.push(a);
                s.push(b);
            }
            case OP_3DUP -> {
                s.require(3);
                byte[] a = s.peek(3);
                byte[] b = s.peek(2);
                byte[] c = s.peek(1);
                s.push(a);
                s.push(b);
                s.push(c);
            }
            case OP_2OVER -> {
                s.require(4);
                s.push(s.peek(4));
                s.push(s.peek(4));
            }
            case OP_2ROT -> {
                s.require(6);
                byte[] a = s.remove(6);
                byte[] b = s.remove(5);
                s.push(a);
                s.push(b);
            }
            case OP_2SWAP -> {
                s.require(4);
                s.swap(4, 2);
                s.swap(3, 1);
            }
            case OP_IFDUP -> {
                byte[] top = s.peek(1);
                if (ScriptNum.castToBool(top)) {
                    s.push(top);
                }
            }
            case OP_DEPTH -> s.push(ScriptNum.encode(s.size()));
            case OP_DROP -> s.pop();
            case OP_DUP -> s.push(s.peek(1));
            case OP_NIP -> {
                s.require(2);
                s.remove(2);
            }
            case OP_OVER -> s.push(s.peek(2));
            case OP_PICK, OP_ROLL -> {
                s.require(2);
                long n = ScriptNum.decode(s.peek(1), requireMinimal);
                s.pop();
                if (n < 0 || n >= s.size()) {
                    fail(ScriptError.INVALID_STACK_OPERATION);
                }
                int depth = (int) n + 1;
                s.push(op == OP_ROLL ? s.remove(depth) : s.peek(depth));
            }
            case OP_ROT -> {
                s.require(3);
                s.swap(3, 2);
                s.swap(2, 1);
            }
            case OP_SWAP -> {
                s.require(2);
                s.swap(2, 1);
            }
            case OP_TUCK -> {
                s.require(2);
                s.insert(3, s.peek(1));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean spliceOrHashOp(int op) {
        switch (op) {
            case OP_SIZE -> stack.push(ScriptNum.encode(stack.peek(1).length));
            case OP_EQUAL, OP_EQUALVERIFY -> {
                stack.require(2);
                boolean equal = Arrays.equals(stack.pop(), stack.pop());
                stack.push(equal ? TRUE : FALSE);
                if (op == OP_EQUALVERIFY) {
                    verify(ScriptError.EQUALVERIFY);
                }
            }
            case OP_RIPEMD160 -> stack.push(Hashes.ripemd160(stack.pop()));
            case OP_SHA1 -> stack.push(Hashes.sha1(stack.pop()));
            case OP_SHA256 -> stack.push(Hashes.sha256(stack.pop()));
            case OP_HASH160 -> stack.push(Hashes.hash160(stack.pop()));
            case OP_HASH256 -> stack.push(Hashes.sha256d(stack.pop()));
            default -> {
                return false;
            }
        }
        return true;
    }
}
