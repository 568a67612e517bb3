package org.nakamoto.chain.script;

/**
 * Walks a script one operation at a time, as Core's {@code GetScriptOp} does: a push opcode carries the
 * bytes that follow it; a push that runs past the end is malformed and stops the walk. Where the walk
 * stops on a malformed push matters (the legacy signature hash serializes up to that point), so
 * {@link #position()} mirrors Core there too: just after the opcode and any length bytes read.
 * Mutable; one cursor per walk, not thread-safe.
 */
final class ScriptCursor {
    private final byte[] script;
    private final int end;
    private int pos;
    private int opcode = -1;
    private int dataStart;
    private int dataLength;

    ScriptCursor(byte[] script) {
        this.script = script;
        this.end = script.length;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** Advances to the next operation; false at the end of the script or on a truncated push. */
    boolean next() {
        opcode = -1;
        dataLength = 0;
        if (pos >= end) {
            return false;
        }
        int op = script[pos++] & 0xff;
        if (op <= Opcodes.OP_PUSHDATA4) {
            long size;
            if (op < Opcodes.OP_PUSHDATA1) {
                size = op;
            } else if (op == Opcodes.OP_PUSHDATA1) {
                if (end - pos < 1) {
                    return false;
                }
                size = script[pos++] & 0xff;
            } else if (op == Opcodes.OP_PUSHDATA2) {
                if (end - pos < 2) {
                    return false;
                }
                size = (script[pos] & 0xff) | (script[pos + 1] & 0xff) << 8;
                pos += 2;
            } else {
                if (end - pos < 4) {
                    return false;
                }
                size = ((script[pos] & 0xff) | (script[pos + 1] & 0xff) << 8 | (script[pos + 2] & 0xff) << 16
                        | (long) (script[pos + 3] & 0xff) << 24);
                pos += 4;
            }
            if (size > end - pos) {
                return false;
            }
            dataStart = pos;
            dataLength = (int) size;
            pos += dataLength;
        }
        opcode = op;
        return true;
    }

    /** Continues the walk from {@code offset}, which must be an operation boundary. */
    void seek(int offset) {
        pos = offset;
    }

    int opcode() {
        return opcode;
    }

    /** Offset just past the current operation (or where a malformed walk stopped). */
    int position() {
        return pos;
    }

    int dataLength() {
        return dataLength;
    }

    /** A fresh copy of the pushed bytes. */
    byte[] data() {
        byte[] out = new byte[dataLength];
        System.arraycopy(script, dataStart, out, 0, dataLength);
        return out;
    }
}
