package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/**
 * BIP 143's three per-transaction hashes (hashPrevouts, hashSequence, hashOutputs), computed once per
 * transaction rather than once per signature: that is what removes legacy signing's quadratic hashing
 * (Core's {@code PrecomputedTransactionData}). They are computed on first use, so a transaction that
 * signs no witness input never pays for them. Thread-safe: a race computes the same values twice.
 */
public final class PrecomputedTxData {
    private final Transaction tx;
    private volatile Hash256[] hashes;

    public PrecomputedTxData(Transaction tx) {
        this.tx = tx;
    }

    public Transaction tx() {
        return tx;
    }

    Hash256 hashPrevouts() {
        return all()[0];
    }

    Hash256 hashSequence() {
        return all()[1];
    }

    Hash256 hashOutputs() {
        return all()[2];
    }

    private Hash256[] all() {
        Hash256[] h = hashes;
        if (h == null) {
            ByteWriter prevouts = new ByteWriter(tx.inputs().size() * 36);
            ByteWriter sequences = new ByteWriter(tx.inputs().size() * 4);
            for (TxIn in : tx.inputs()) {
                in.prevout().write(prevouts);
                sequences.writeUint32LE(in.sequence());
            }
            ByteWriter outputs = new ByteWriter(tx.outputs().size() * 34);
            for (TxOut out : tx.outputs()) {
                out.write(outputs);
            }
            h = new Hash256[] {Hash256.sha256d(prevouts.toByteArray()), Hash256.sha256d(sequences.toByteArray()),
                Hash256.sha256d(outputs.toByteArray())};
            hashes = h;
        }
        return h;
    }
}
