package org.nakamoto.chain.script;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Script;

/**
 * The script notation of Core's test vectors (Core's {@code ParseScript} in core_io.cpp), for tests:
 * whitespace-separated words, each one of
 * <ul>
 *   <li>a decimal number, pushed as a script number (OP_0, OP_1NEGATE and OP_1..OP_16 where they fit);
 *   <li>{@code 0x} and an even number of hex digits, copied into the script as they are (not pushed);
 *   <li>{@code 'text'}, pushed as its bytes;
 *   <li>an opcode name from OP_NOP on (and OP_RESERVED), with or without the {@code OP_} prefix.
 * </ul>
 * Stateless.
 */
final class CoreScriptAsm {
    /** Opcode names from 0x61 (OP_NOP) to 0xba (OP_CHECKSIGADD), in order, without the OP_ prefix. */
    private static final String[] NAMES_FROM_NOP = {
            "NOP", "VER", "IF", "NOTIF", "VERIF", "VERNOTIF", "ELSE", "ENDIF", "VERIFY", "RETURN",
            "TOALTSTACK", "FROMALTSTACK", "2DROP", "2DUP", "3DUP", "2OVER", "2ROT", "2SWAP", "IFDUP", "DEPTH",
            "DROP", "DUP", "NIP", "OVER", "PICK", "ROLL", "ROT", "SWAP", "TUCK",
            "CAT", "SUBSTR", "LEFT", "RIGHT", "SIZE",
            "INVERT", "AND", "OR", "XOR", "EQUAL", "EQUALVERIFY", "RESERVED1", "RESERVED2",
            "1ADD", "1SUB", "2MUL", "2DIV", "NEGATE", "ABS", "NOT", "0NOTEQUAL", "ADD", "SUB", "MUL", "DIV", "MOD",
            "LSHIFT", "RSHIFT", "BOOLAND", "BOOLOR", "NUMEQUAL", "NUMEQUALVERIFY", "NUMNOTEQUAL", "LESSTHAN",
            "GREATERTHAN", "LESSTHANOREQUAL", "GREATERTHANOREQUAL", "MIN", "MAX", "WITHIN",
            "RIPEMD160", "SHA1", "SHA256", "HASH160", "HASH256", "CODESEPARATOR", "CHECKSIG", "CHECKSIGVERIFY",
            "CHECKMULTISIG", "CHECKMULTISIGVERIFY",
            "NOP1", "CHECKLOCKTIMEVERIFY", "CHECKSEQUENCEVERIFY", "NOP4", "NOP5", "NOP6", "NOP7", "NOP8", "NOP9",
            "NOP10", "CHECKSIGADD"};
    private static final Map<String, Integer> OPCODES = new HashMap<>();

    static {
        if (Opcodes.OP_NOP + NAMES_FROM_NOP.length - 1 != 0xba) {
            throw new IllegalStateException("opcode name table is misaligned");
        }
        for (int i = 0; i < NAMES_FROM_NOP.length; i++) {
            addName(NAMES_FROM_NOP[i], Opcodes.OP_NOP + i);
        }
        addName("RESERVED", Opcodes.OP_RESERVED);
        // Older vectors name NOP2 and NOP3 by their number.
        addName("NOP2", Opcodes.OP_NOP2);
        addName("NOP3", Opcodes.OP_NOP3);
    }

    private CoreScriptAsm() {
    }

    private static void addName(String name, int op) {
        OPCODES.put(name, op);
        OPCODES.put("OP_" + name, op);
    }

    /** @throws IllegalArgumentException on a word that is none of the forms above */
    static Script parse(String asm) {
        ByteWriter w = new ByteWriter(asm.length());
        for (String word : asm.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (isDecimal(word)) {
                long n = Long.parseLong(word);
                // Core refuses numbers beyond what a 4-byte script number (plus sign) can say.
                if (n > 0xffffffffL || n < -0xffffffffL) {
                    throw new IllegalArgumentException("number out of range: " + word);
                }
                writeNumber(n, w);
            } else if (word.startsWith("0x") && word.length() > 2 && word.length() % 2 == 0) {
                w.writeBytes(Hex.decode(word.substring(2)));
            } else if (word.length() >= 2 && word.startsWith("'") && word.endsWith("'")) {
                ScriptCode.writePush(word.substring(1, word.length() - 1).getBytes(StandardCharsets.ISO_8859_1), w);
            } else if (OPCODES.containsKey(word)) {
                w.writeUint8(OPCODES.get(word));
            } else {
                throw new IllegalArgumentException("script parse error at '" + word + "' in \"" + asm + "\"");
            }
        }
        return Script.of(w.toByteArray());
    }

    private static boolean isDecimal(String w) {
        int start = w.charAt(0) == '-' && w.length() > 1 ? 1 : 0;
        for (int i = start; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Core's {@code CScript << int64_t}: a small-number opcode where one exists, else a minimal push. */
    private static void writeNumber(long n, ByteWriter w) {
        if (n == 0) {
            w.writeUint8(Opcodes.OP_0);
        } else if (n == -1 || (n >= 1 && n <= 16)) {
            w.writeUint8((int) (n + (Opcodes.OP_1 - 1)));
        } else {
            ScriptCode.writePush(ScriptNum.encode(n), w);
        }
    }
}
