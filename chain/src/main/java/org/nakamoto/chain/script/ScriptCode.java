package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;

/**
 * Edits legacy signatures make to the "script code" they sign: OP_CODESEPARATOR removal (in the signature
 * hash) and FindAndDelete of the signature itself (in OP_CHECKSIG). Both operate on operation boundaries
 * exactly as Core does, malformed tails included, because the resulting bytes are hashed. Stateless.
 */
public final class ScriptCode {
    private ScriptCode() {
    }

    /**
     * Writes the script code as the legacy signature hash serializes it: a CompactSize length of the script
     * minus its OP_CODESEPARATORs, then the script without them. When the script ends in a malformed push,
     * Core's serializer stops where its parser stopped, so the length can exceed the bytes written; that
     * quirk is consensus and is kept.
     */
    public static void writeWithoutCodeSeparators(byte[] script, ByteWriter w) {
        int separators = 0;
        ScriptCursor c = new ScriptCursor(script);
        while (c.next()) {
            if (c.opcode() == Opcodes.OP_CODESEPARATOR) {
                separators++;
            }
        }
        w.writeCompactSize(script.length - separators);
        if (separators == 0 && !c.hasMore()) {
            w.writeBytes(script);
            return;
        }
        c = new ScriptCursor(script);
        int begin = 0;
        while (c.next()) {
            if (c.opcode() == Opcodes.OP_CODESEPARATOR) {
                w.writeBytes(script, begin, c.position() - begin - 1);
                begin = c.position();
            }
        }
        if (begin != script.length) {
            w.writeBytes(script, begin, c.position() - begin);
        }
    }

    /**
     * Core's {@code FindAndDelete}: removes every occurrence of {@code pattern} that starts on an operation
     * boundary (repeated occurrences back to back included). Returns the same array when nothing matched.
     */
    public static byte[] findAndDelete(byte[] script, byte[] pattern) {
        if (pattern.length == 0) {
            return script;
        }
        ByteWriter out = null;
        int found = 0;
        int pc = 0;
        int kept = 0;
        ScriptCursor c = new ScriptCursor(script);
        while (true) {
            while (script.length - pc >= pattern.length && regionEquals(script, pc, pattern)) {
                if (out == null) {
                    out = new ByteWriter(script.length);
                }
                out.writeBytes(script, kept, pc - kept);
                pc += pattern.length;
                kept = pc;
                found++;
            }
            c.seek(pc);
            if (!c.next()) {
                break;
            }
            pc = c.position();
        }
        if (found == 0) {
            return script;
        }
        out.writeBytes(script, kept, script.length - kept);
        return out.toByteArray();
    }

    /** The script that pushes {@code data}, encoded as Core's {@code CScript << vector} does. */
    public static byte[] pushOf(byte[] data) {
        ByteWriter w = new ByteWriter(data.length + 5);
        writePush(data, w);
        return w.toByteArray();
    }

    static void writePush(byte[] data, ByteWriter w) {
        int n = data.length;
        if (n < Opcodes.OP_PUSHDATA1) {
            w.writeUint8(n);
        } else if (n <= 0xff) {
            w.writeUint8(Opcodes.OP_PUSHDATA1).writeUint8(n);
        } else if (n <= 0xffff) {
            w.writeUint8(Opcodes.OP_PUSHDATA2).writeUint16LE(n);
        } else {
            w.writeUint8(Opcodes.OP_PUSHDATA4).writeInt32LE(n);
        }
        w.writeBytes(data);
    }

    /** True when every operation is a push (OP_RESERVED and OP_1..OP_16 count) and the script is well formed. */
    public static boolean isPushOnly(byte[] script) {
        ScriptCursor c = new ScriptCursor(script);
        while (c.hasMore()) {
            if (!c.next() || c.opcode() > Opcodes.OP_16) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bitcoin Core's legacy (inaccurate) signature-operation count, {@code GetSigOpCount(false)}: each
     * CHECKSIG(VERIFY) counts 1 and each CHECKMULTISIG(VERIFY) 20, up to the first malformed push.
     */
    public static int legacySigOpCount(byte[] script) {
        int n = 0;
        ScriptCursor c = new ScriptCursor(script);
        while (c.hasMore()) {
            if (!c.next()) {
                break;
            }
            int op = c.opcode();
            if (op == Opcodes.OP_CHECKSIG || op == Opcodes.OP_CHECKSIGVERIFY) {
                n++;
            } else if (op == Opcodes.OP_CHECKMULTISIG || op == Opcodes.OP_CHECKMULTISIGVERIFY) {
                n += 20;
            }
        }
        return n;
    }

    /**
     * Core's accurate count, {@code GetSigOpCount(true)}: CHECKMULTISIG preceded by OP_1..OP_16 counts
     * that many keys instead of 20. Used for P2SH redeem scripts.
     */
    public static int accurateSigOpCount(byte[] script) {
        int n = 0;
        int last = -1;
        ScriptCursor c = new ScriptCursor(script);
        while (c.hasMore()) {
            if (!c.next()) {
                break;
            }
            int op = c.opcode();
            if (op == Opcodes.OP_CHECKSIG || op == Opcodes.OP_CHECKSIGVERIFY) {
                n++;
            } else if (op == Opcodes.OP_CHECKMULTISIG || op == Opcodes.OP_CHECKMULTISIGVERIFY) {
                n += last >= Opcodes.OP_1 && last <= Opcodes.OP_16 ? last - Opcodes.OP_1 + 1 : 20;
            }
            last = op;
        }
        return n;
    }

    /**
     * Core's {@code GetSigOpCount(scriptSig)} for a pay-to-script-hash output: the accurate count of the
     * redeem script (the scriptSig's last push), or 0 when the scriptSig is not push-only.
     */
    public static int p2shSigOpCount(byte[] scriptSig) {
        byte[] lastPush = null;
        ScriptCursor c = new ScriptCursor(scriptSig);
        while (c.hasMore()) {
            if (!c.next() || c.opcode() > Opcodes.OP_16) {
                return 0;
            }
            lastPush = c.data();
        }
        return lastPush == null ? 0 : accurateSigOpCount(lastPush);
    }

    /** BIP 16's exact template: OP_HASH160, a 20-byte push, OP_EQUAL. */
    /** The data of the last push in a push-only script, or null when it pushes nothing. */
    public static byte[] lastPush(byte[] pushOnlyScript) {
        byte[] last = null;
        ScriptCursor c = new ScriptCursor(pushOnlyScript);
        while (c.next()) {
            last = c.data();
        }
        return last;
    }

    public static boolean isPayToScriptHash(byte[] script) {
        return script.length == 23 && (script[0] & 0xff) == Opcodes.OP_HASH160 && script[1] == 0x14
                && (script[22] & 0xff) == Opcodes.OP_EQUAL;
    }

    private static boolean regionEquals(byte[] a, int off, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (a[off + i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
