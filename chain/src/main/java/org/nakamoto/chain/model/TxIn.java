package org.nakamoto.chain.model;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** A transaction input: the output it spends, the unlocking script and the sequence number. */
public record TxIn(OutPoint prevout, Script scriptSig, long sequence) {
    public static final long SEQUENCE_FINAL = 0xffffffffL;
    /** Smallest encoding: outpoint, one-byte script length, sequence. */
    public static final int MIN_SIZE = OutPoint.SIZE + 1 + 4;

    public static TxIn read(ByteReader r) {
        OutPoint prevout = OutPoint.read(r);
        Script script = Script.of(r.readVarBytes());
        return new TxIn(prevout, script, r.readUint32LE());
    }

    public void write(ByteWriter w) {
        prevout.write(w);
        w.writeVarBytes(scriptSig.unsafeBytes());
        w.writeUint32LE(sequence);
    }
}
