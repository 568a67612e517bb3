package org.nakamoto.chain.model;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * A transaction output: an amount and the locking script. The amount is the raw signed 64-bit value from
 * the wire; the money range is a consensus rule checked by validation, not by the parser.
 */
public record TxOut(long value, Script scriptPubKey) {
    /** Smallest encoding: value and a one-byte script length. */
    public static final int MIN_SIZE = 8 + 1;

    public Amount amount() {
        return Amount.ofSat(value);
    }

    public static TxOut read(ByteReader r) {
        long value = r.readInt64LE();
        return new TxOut(value, Script.of(r.readVarBytes()));
    }

    public void write(ByteWriter w) {
        w.writeInt64LE(value);
        w.writeVarBytes(scriptPubKey.unsafeBytes());
    }
}
