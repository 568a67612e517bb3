package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Script;

/** Builds a script from opcodes, pushes and numbers, encoded as Core's {@code CScript <<}. Not thread-safe. */
public final class ScriptBuilder {
    private final ByteWriter w = new ByteWriter(64);

    public ScriptBuilder op(int opcode) {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("opcode out of range: " + opcode);
        }
        w.writeUint8(opcode);
        return this;
    }

    /** Pushes bytes with the shortest push opcode for their length (never OP_n for one-byte values). */
    public ScriptBuilder data(byte[] bytes) {
        ScriptCode.writePush(bytes, w);
        return this;
    }

    /** Pushes a number: OP_0, OP_1NEGATE or OP_1..OP_16 when one fits, else its script-number encoding. */
    public ScriptBuilder number(long n) {
        if (n == -1 || (n >= 1 && n <= 16)) {
            return op((int) n + (Opcodes.OP_1 - 1));
        }
        if (n == 0) {
            return op(Opcodes.OP_0);
        }
        return data(ScriptNum.encode(n));
    }

    public Script build() {
        return Script.of(w.toByteArray());
    }
}
