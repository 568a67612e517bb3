package org.nakamoto.chain.model;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * A transaction input: the output it spends, the unlocking script, the sequence number and, since
 * segwit, its witness stack. The witness is not part of the input's legacy encoding ({@link #write}):
 * {@link Transaction} writes all witnesses together after the outputs (BIP144).
 */
public record TxIn(OutPoint prevout, Script scriptSig, long sequence, Witness witness) {
    public static final long SEQUENCE_FINAL = 0xffffffffL;
    /** Smallest encoding: outpoint, one-byte script length, sequence. */
    public static final int MIN_SIZE = OutPoint.SIZE + 1 + 4;

    public TxIn {
        if (witness == null) {
            witness = Witness.EMPTY;
        }
    }

    /** An input without witness, as every input was before segwit. */
    public TxIn(OutPoint prevout, Script scriptSig, long sequence) {
        this(prevout, scriptSig, sequence, Witness.EMPTY);
    }

    /** Reads the legacy part (outpoint, scriptSig, sequence); the witness comes later in the stream. */
    public static TxIn read(ByteReader r) {
        OutPoint prevout = OutPoint.read(r);
        Script script = Script.of(r.readVarBytes());
        return new TxIn(prevout, script, r.readUint32LE());
    }

    /** Writes the legacy part only. */
    public void write(ByteWriter w) {
        prevout.write(w);
        w.writeVarBytes(scriptSig.unsafeBytes());
        w.writeUint32LE(sequence);
    }

    public boolean hasWitness() {
        return !witness.isEmpty();
    }

    public TxIn withWitness(Witness w) {
        return new TxIn(prevout, scriptSig, sequence, w);
    }

    public TxIn withScriptSig(Script s) {
        return new TxIn(prevout, s, sequence, witness);
    }
}
