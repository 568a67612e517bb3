package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.chain.script.Opcodes.*;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;

class InterpreterTest {

    /** Runs a scriptPubKey with an empty scriptSig: OK iff it leaves a true top item. */
    private static ScriptError run(String hex) {
        return ScriptVerifier.verify(Script.EMPTY, Script.fromHex(hex), SignatureChecker.NONE, Set.of());
    }

    /** Evaluates and returns the resulting stack as hex, bottom first; fails the test on a script error. */
    private static List<String> stackAfter(String hex) {
        ScriptStack stack = new ScriptStack();
        ScriptError e = Interpreter.eval(Script.fromHex(hex), stack, SignatureChecker.NONE);
        assertEquals(ScriptError.OK, e, hex);
        return stack.toList().stream().map(Hex::encode).collect(Collectors.toList());
    }

    private static String repeat(String hex, int n) {
        return hex.repeat(n);
    }

    private static String hexOp(int op) {
        return String.format("%02x", op);
    }

    @Test
    void pushOpcodes() {
        assertEquals(List.of(""), stackAfter("00"));
        assertEquals(List.of("aa"), stackAfter("01aa"));
        assertEquals(List.of("aabbcc"), stackAfter("03aabbcc"));
        assertEquals(List.of("aa"), stackAfter("4c01aa"));
        assertEquals(List.of("aabb"), stackAfter("4d0200aabb"));
        assertEquals(List.of("aabb"), stackAfter("4e02000000aabb"));
        assertEquals(List.of(""), stackAfter("4c00"));
        assertEquals(List.of("81", "01", "02", "10"), stackAfter("4f515260"));
        String data75 = repeat("ab", 75);
        assertEquals(List.of(data75), stackAfter("4b" + data75));
    }

    @Test
    void truncatedPushesFailTheScript() {
        for (String hex : List.of("01", "02aa", "4b", "4c", "4c05aabb", "4d", "4d01", "4d0500aa", "4e", "4e010000",
                "4e05000000aa", "5101")) {
            assertEquals(ScriptError.BAD_OPCODE, run(hex), hex);
        }
        // Even where nothing executes.
        assertEquals(ScriptError.BAD_OPCODE, run("51006368" + "4c05"));
        assertEquals(ScriptError.BAD_OPCODE, run("0063" + "4d0500aa"));
    }

    @Test
    void disabledOpcodesFailEvenInUnexecutedBranches() {
        int[] disabled = {OP_CAT, OP_SUBSTR, OP_LEFT, OP_RIGHT, OP_INVERT, OP_AND, OP_OR, OP_XOR, OP_2MUL, OP_2DIV,
                OP_MUL, OP_DIV, OP_MOD, OP_LSHIFT, OP_RSHIFT};
        for (int op : disabled) {
            assertTrue(Opcodes.isDisabled(op));
            assertEquals(ScriptError.DISABLED_OPCODE, run("0063" + hexOp(op) + "6851"), "unexecuted " + hexOp(op));
            assertEquals(ScriptError.DISABLED_OPCODE, run("5151" + hexOp(op)), "executed " + hexOp(op));
        }
    }

    @Test
    void unknownOpcodesFailOnlyWhenExecuted() {
        for (int op : new int[] {OP_RESERVED, OP_VER, OP_RESERVED1, OP_RESERVED2, 0xba, 0xc0, 0xfe, 0xff}) {
            assertEquals(ScriptError.OK, run("0063" + hexOp(op) + "6851"), "unexecuted " + hexOp(op));
            assertEquals(ScriptError.BAD_OPCODE, run("51" + hexOp(op)), "executed " + hexOp(op));
        }
        // VERIF and VERNOTIF sit in the IF..ENDIF range, so they are looked at, and fail, even when skipped.
        assertEquals(ScriptError.BAD_OPCODE, run("0063" + hexOp(OP_VERIF) + "6851"));
        assertEquals(ScriptError.BAD_OPCODE, run("0063" + hexOp(OP_VERNOTIF) + "6851"));
    }

    @Test
    void nopsDoNothing() {
        assertEquals(List.of("01"), stackAfter("51" + "61b0b1b2b3b4b5b6b7b8b9"));
    }

    @Test
    void conditionals() {
        assertEquals(List.of("02"), stackAfter("51635267536"  + "8"));
        assertEquals(List.of("03"), stackAfter("00635267536" + "8"));
        assertEquals(List.of("03"), stackAfter("51645267536" + "8"));
        // Nested: the inner branch is skipped entirely when the outer one is.
        assertEquals(List.of("05"), stackAfter("0063516352675368675568"));
        assertEquals(List.of("02"), stackAfter("5163516352675368675568"));
        // Multiple ELSEs toggle back and forth.
        assertEquals(List.of("01", "03"), stackAfter("5163516752675368"));
        for (String hex : List.of("5163", "67", "68", "516351", "51636868", "516867")) {
            ScriptError e = run(hex);
            assertEquals(ScriptError.UNBALANCED_CONDITIONAL, e, hex);
        }
        // An executed IF with an empty stack has nothing to test: a stack error, as Core reports it.
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run("63"));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run("64"));
        // Skipped, it needs no operand.
        assertEquals(ScriptError.OK, run("00" + "63" + "63" + "68" + "68" + "51"));
        // The IF condition is cast to bool: negative zero is false.
        assertEquals(List.of("03"), stackAfter("0180635267536" + "8"));
    }

    @Test
    void verifyAndReturn() {
        assertEquals(ScriptError.VERIFY, run("0069"));
        assertEquals(ScriptError.OK, run("516951"));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run("69"));
        assertEquals(ScriptError.OP_RETURN, run("516a"));
        assertEquals(ScriptError.OK, run("00636a6851"));
        assertEquals(ScriptError.EVAL_FALSE, run("00"));
        assertEquals(ScriptError.EVAL_FALSE, run(""));
    }

    @Test
    void stackOperations() {
        String six = "515253545556";
        assertEquals(List.of("01", "02", "03", "04"), stackAfter(six + "6d"));
        assertEquals(List.of("01", "02", "01", "02"), stackAfter("5152" + "6e"));
        assertEquals(List.of("01", "02", "03", "01", "02", "03"), stackAfter("515253" + "6f"));
        assertEquals(List.of("01", "02", "03", "04", "01", "02"), stackAfter("51525354" + "70"));
        assertEquals(List.of("03", "04", "05", "06", "01", "02"), stackAfter(six + "71"));
        assertEquals(List.of("03", "04", "01", "02"), stackAfter("51525354" + "72"));
        assertEquals(List.of("01", "01"), stackAfter("51" + "73"));
        assertEquals(List.of(""), stackAfter("00" + "73"));
        assertEquals(List.of("01", "02", "02"), stackAfter("5152" + "74"));
        assertEquals(List.of("01"), stackAfter("5152" + "75"));
        assertEquals(List.of("01", "01"), stackAfter("51" + "76"));
        assertEquals(List.of("02"), stackAfter("5152" + "77"));
        assertEquals(List.of("01", "02", "01"), stackAfter("5152" + "78"));
        assertEquals(List.of("01", "02", "03", "01"), stackAfter("515253" + "52" + "79"));
        assertEquals(List.of("02", "03", "01"), stackAfter("515253" + "52" + "7a"));
        assertEquals(List.of("01", "02", "03"), stackAfter("515253" + "00" + "7a"));
        assertEquals(List.of("02", "03", "01"), stackAfter("515253" + "7b"));
        assertEquals(List.of("02", "01"), stackAfter("5152" + "7c"));
        assertEquals(List.of("02", "01", "02"), stackAfter("5152" + "7d"));
        assertEquals(List.of("01", "02"), stackAfter("5152" + "6b" + "6c"));
        assertEquals(List.of("aabb", "02"), stackAfter("02aabb" + "82"));
        // Not enough items.
        for (String hex : List.of("6d", "516d", "516e", "51526f", "51525370", "5152535455" + "71", "51525372",
                "73", "75", "76", "5177", "5178", "515252" + "79", "5151" + "4f" + "79", "51527b", "517c", "517d",
                "82", "5187")) {
            assertEquals(ScriptError.INVALID_STACK_OPERATION, run(hex), hex);
        }
        assertEquals(ScriptError.INVALID_ALTSTACK_OPERATION, run("516c"));
    }

    @Test
    void equalityAndHashes() {
        assertEquals(ScriptError.OK, run("02aabb02aabb87"));
        assertEquals(ScriptError.EVAL_FALSE, run("02aabb02aabc87"));
        assertEquals(ScriptError.EQUALVERIFY, run("02aabb02aabc88"));
        assertEquals(ScriptError.OK, run("02aabb02aabb8851"));
        // Byte equality, not numeric: 0x01 and 0x0100 differ.
        assertEquals(ScriptError.EVAL_FALSE, run("0101020100" + "87"));
        assertEquals(List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), stackAfter("00a8"));
        assertEquals(List.of("9c1185a5c5e9fc54612808977ee8f548b2258d31"), stackAfter("00a6"));
        assertEquals(List.of("da39a3ee5e6b4b0d3255bfef95601890afd80709"), stackAfter("00a7"));
        assertEquals(List.of("b472a266d0bd89c13706a4132ccfb16f7c3b9fcb"), stackAfter("00a9"));
        assertEquals(List.of("5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456"), stackAfter("00aa"));
    }

    @Test
    void arithmetic() {
        assertEquals(List.of("15"), stackAfter("5a5b93"));
        assertEquals(List.of("81"), stackAfter("5a5b94"));
        assertEquals(List.of("02", "", "81", "01", "", "01"),
                stackAfter("518b" + "518c" + "518f" + "4f90" + "5a91" + "5a92"));
        assertEquals(List.of("01", "", "01", "01"), stackAfter("51009b" + "51009a" + "5a5a9c" + "5a5b9e"));
        assertEquals(ScriptError.OK, run("5a5a9d51"));
        assertEquals(ScriptError.NUMEQUALVERIFY, run("5a5b9d51"));
        assertEquals(List.of("01", "", "01", "01"), stackAfter("5a5b9f" + "5a5ba0" + "5a5aa1" + "5a5aa2"));
        assertEquals(List.of("0a", "0b"), stackAfter("5a5ba3" + "5a5ba4"));
        assertEquals(List.of("01", "", ""), stackAfter("5a5a5ba5" + "5b5a5ba5" + "595a5ba5"));
        // Operands are at most 4 bytes; a result may be 5 bytes but can't be an operand again.
        assertEquals(List.of("feffffff00"), stackAfter("04ffffff7f" + "04ffffff7f" + "93"));
        assertEquals(ScriptError.SCRIPTNUM, run("04ffffff7f04ffffff7f93" + "8b"));
        assertEquals(ScriptError.SCRIPTNUM, run("050000000001" + "8b"));
        // Non-minimal encodings are fine in legacy consensus: 0x0100 is 1.
        assertEquals(ScriptError.OK, run("020100" + "519c"));
        // Negative zero is numerically zero but 0x80 is not equal to the empty string.
        assertEquals(ScriptError.OK, run("0180" + "91"));
    }

    @Test
    void scriptNumEncoding() {
        long[] values = {0, 1, -1, 127, -127, 128, -128, 255, 256, -256, 32767, 32768, 8388608, 2147483647,
                -2147483647, 4294967295L};
        String[] hex = {"", "01", "81", "7f", "ff", "8000", "8080", "ff00", "0001", "0081", "ff7f", "008000",
                "00008000", "ffffff7f", "ffffffff", "ffffffff00"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(hex[i], Hex.encode(ScriptNum.encode(values[i])), "encode " + values[i]);
            assertEquals(values[i], ScriptNum.decodeUnchecked(Hex.decode(hex[i])), "decode " + hex[i]);
        }
        assertFalse(ScriptNum.castToBool(Hex.decode("000080")));
        assertTrue(ScriptNum.castToBool(Hex.decode("000081")));
        assertTrue(ScriptNum.castToBool(Hex.decode("800000")));
        assertFalse(ScriptNum.castToBool(new byte[0]));
    }

    @Test
    void scriptSizeLimit() {
        String push520 = "4d0802" + repeat("cd", 520);
        String script = repeat(push520 + "75", 19) + "2a" + repeat("ee", 42) + "51";
        assertEquals(10_000, script.length() / 2);
        assertEquals(ScriptError.OK, run(script));
        assertEquals(ScriptError.SCRIPT_SIZE, run(script + "61"));
    }

    @Test
    void pushSizeLimit() {
        assertEquals(ScriptError.OK, run("4d0802" + repeat("cd", 520)));
        assertEquals(ScriptError.PUSH_SIZE, run("4d0902" + repeat("cd", 521)));
        assertEquals(ScriptError.PUSH_SIZE, run("0063" + "4d0902" + repeat("cd", 521) + "6851"));
    }

    @Test
    void operationCountLimit() {
        assertEquals(ScriptError.OK, run(repeat("61", 201) + "51"));
        assertEquals(ScriptError.OP_COUNT, run(repeat("61", 202) + "51"));
        // Pushes do not count; skipped operations do.
        assertEquals(ScriptError.OK, run(repeat("51", 300) + repeat("61", 201)));
        assertEquals(ScriptError.OP_COUNT, run("0063" + repeat("61", 200) + "6851"));
        // CHECKMULTISIG counts its keys: 20 keys + 182 other ops exceeds 201.
        String multisig20 = "00" + "00" + repeat("21" + "02" + repeat("11", 32), 20) + "0114" + "ae";
        assertEquals(ScriptError.OK, run(repeat("61", 180) + multisig20));
        assertEquals(ScriptError.OP_COUNT, run(repeat("61", 181) + multisig20));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run(repeat("61", 180) + multisig20.substring(2)));
    }

    @Test
    void stackSizeLimit() {
        assertEquals(ScriptError.OK, run(repeat("51", 1000)));
        assertEquals(ScriptError.STACK_SIZE, run(repeat("51", 1001)));
        assertEquals(ScriptError.STACK_SIZE, run(repeat("51", 1000) + "76"));
        // The altstack counts too.
        assertEquals(ScriptError.STACK_SIZE, run(repeat("51", 1000) + "6b" + "76"));
        assertEquals(ScriptError.OK, run(repeat("51", 999) + "6b" + "76" + "75"));
    }

    @Test
    void checkMultiSigShapes() {
        // 0-of-0 consumes the dummy and succeeds.
        assertEquals(ScriptError.OK, run("000000ae"));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run("0000ae"));
        assertEquals(ScriptError.PUBKEY_COUNT, run("000115ae"));
        assertEquals(ScriptError.PUBKEY_COUNT, run("00" + "4f" + "ae"));
        assertEquals(ScriptError.SIG_COUNT, run("00" + "52" + "00" + "ae"));
        // 1-of-1 with a garbage key and signature: false, not an error.
        assertEquals(ScriptError.EVAL_FALSE, run("00" + "01aa" + "51" + "01bb" + "51" + "ae"));
        assertEquals(ScriptError.CHECKMULTISIGVERIFY, run("00" + "01aa" + "51" + "01bb" + "51" + "af"));
        assertEquals(ScriptError.EVAL_FALSE, run("01aa01bbac"));
        assertEquals(ScriptError.CHECKSIGVERIFY, run("01aa01bbad"));
        assertEquals(ScriptError.INVALID_STACK_OPERATION, run("01aaac"));
    }

    @Test
    void randomScriptsNeverThrow() {
        Random random = new Random(20091231);
        Transaction tx = new Transaction.Builder()
                .addInput(new OutPoint(Hash256.ZERO, 0), Script.EMPTY)
                .addOutput(1, Script.EMPTY)
                .build();
        SignatureChecker checker = new TransactionSignatureChecker(tx, 0);
        // Mostly opcodes that do something, so that runs get past the first few bytes.
        int[] interesting = {0x00, 0x01, 0x4c, 0x4f, 0x51, 0x52, 0x60, 0x63, 0x64, 0x67, 0x68, 0x69, 0x6b, 0x6c,
                0x6e, 0x74, 0x76, 0x79, 0x7a, 0x7c, 0x82, 0x87, 0x8b, 0x93, 0xa5, 0xa9, 0xab, 0xac, 0xae, 0xaf};
        for (int i = 0; i < 30_000; i++) {
            byte[] a = new byte[random.nextInt(64)];
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(a);
            random.nextBytes(b);
            if (i % 2 == 0) {
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) interesting[random.nextInt(interesting.length)];
                }
            }
            Set<ScriptFlag> flags = i % 3 == 0 ? Set.of(ScriptFlag.P2SH) : Set.of();
            ScriptError e = ScriptVerifier.verify(Script.of(a), Script.of(b), checker, flags);
            assertNotNull(e);
            assertTrue(e != ScriptError.UNKNOWN_ERROR, () -> "internal error on " + Hex.encode(a) + " / " + Hex.encode(b));
        }
    }
}
