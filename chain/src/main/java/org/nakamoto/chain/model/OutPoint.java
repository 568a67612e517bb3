package org.nakamoto.chain.model;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** A reference to one output of a transaction: its txid and the output's index. */
public record OutPoint(Hash256 txid, long index) implements Comparable<OutPoint> {
    /** The null outpoint a coinbase input carries. */
    public static final OutPoint NULL = new OutPoint(Hash256.ZERO, 0xffffffffL);
    public static final int SIZE = 36;

    public OutPoint {
        if (index < 0 || index > 0xffffffffL) {
            throw new IllegalArgumentException("output index out of uint32 range: " + index);
        }
    }

    public boolean isNull() {
        return index == 0xffffffffL && txid.isZero();
    }

    public static OutPoint read(ByteReader r) {
        return new OutPoint(Hash256.read(r), r.readUint32LE());
    }

    public void write(ByteWriter w) {
        txid.write(w);
        w.writeUint32LE(index);
    }

    @Override
    public int compareTo(OutPoint o) {
        int c = txid.compareTo(o.txid);
        return c != 0 ? c : Long.compare(index, o.index);
    }

    @Override
    public String toString() {
        return txid + ":" + index;
    }
}
