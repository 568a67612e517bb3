package org.nakamoto.chain.script;

import static org.nakamoto.chain.script.Opcodes.*;

/**
 * The numeric opcodes. Operands are script numbers of at most 4 bytes, so every intermediate value fits
 * a long without overflow; results are pushed in minimal encoding, as Core's {@code CScriptNum} does.
 * Stateless.
 */
final class ArithmeticOps {
    private ArithmeticOps() {
    }

    /**
     * Applies {@code op} if it is a numeric opcode; false when it is not one. With {@code requireMinimal}
     * (MINIMALDATA) operands must be minimally encoded.
     */
    static boolean apply(int op, ScriptStack s, boolean requireMinimal) {
        switch (op) {
            case OP_1ADD, OP_1SUB, OP_NEGATE, OP_ABS, OP_NOT, OP_0NOTEQUAL -> {
                long a = ScriptNum.decode(s.peek(1), requireMinimal);
                long r = switch (op) {
                    case OP_1ADD -> a + 1;
                    case OP_1SUB -> a - 1;
                    case OP_NEGATE -> -a;
                    case OP_ABS -> Math.abs(a);
                    case OP_NOT -> a == 0 ? 1 : 0;
                    default -> a != 0 ? 1 : 0;
                };
                s.pop();
                s.push(ScriptNum.encode(r));
            }
            case OP_ADD, OP_SUB, OP_BOOLAND, OP_BOOLOR, OP_NUMEQUAL, OP_NUMEQUALVERIFY, OP_NUMNOTEQUAL,
                    OP_LESSTHAN, OP_GREATERTHAN, OP_LESSTHANOREQUAL, OP_GREATERTHANOREQUAL, OP_MIN, OP_MAX -> {
                s.require(2);
                long a = ScriptNum.decode(s.peek(2), requireMinimal);
                long b = ScriptNum.decode(s.peek(1), requireMinimal);
                long r = switch (op) {
                    case OP_ADD -> a + b;
                    case OP_SUB -> a - b;
                    case OP_BOOLAND -> a != 0 && b != 0 ? 1 : 0;
                    case OP_BOOLOR -> a != 0 || b != 0 ? 1 : 0;
                    case OP_NUMEQUAL, OP_NUMEQUALVERIFY -> a == b ? 1 : 0;
                    case OP_NUMNOTEQUAL -> a != b ? 1 : 0;
                    case OP_LESSTHAN -> a < b ? 1 : 0;
                    case OP_GREATERTHAN -> a > b ? 1 : 0;
                    case OP_LESSTHANOREQUAL -> a <= b ? 1 : 0;
                    case OP_GREATERTHANOREQUAL -> a >= b ? 1 : 0;
                    case OP_MIN -> Math.min(a, b);
                    default -> Math.max(a, b);
                };
                s.pop();
                s.pop();
                s.push(ScriptNum.encode(r));
                if (op == OP_NUMEQUALVERIFY) {
                    if (!ScriptNum.castToBool(s.peek(1))) {
                        Interpreter.fail(ScriptError.NUMEQUALVERIFY);
                    }
                    s.pop();
                }
            }
            case OP_WITHIN -> {
                s.require(3);
                long x = ScriptNum.decode(s.peek(3), requireMinimal);
                long min = ScriptNum.decode(s.peek(2), requireMinimal);
                long max = ScriptNum.decode(s.peek(1), requireMinimal);
                s.pop();
                s.pop();
                s.pop();
                s.push(min <= x && x < max ? Interpreter.TRUE : Interpreter.FALSE);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
