package org.nakamoto.chain.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/**
 * An immutable transaction in Bitcoin's legacy (pre-segwit) format. Its serialization and txid are
 * computed once, at construction. Build new ones with {@link Builder}.
 */
public final class Transaction {
    private final int version;
    private final List<TxIn> inputs;
    private final List<TxOut> outputs;
    private final long lockTime;
    private final byte[] serialized;
    private final Hash256 txid;

    private Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime, byte[] serialized) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = lockTime;
        this.serialized = serialized != null ? serialized : encode(version, this.inputs, this.outputs, lockTime);
        this.txid = Hash256.sha256d(this.serialized);
    }

    public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        this(version, inputs, outputs, lockTime, null);
    }

    public static Transaction read(ByteReader r) {
        int start = r.position();
        int version = r.readInt32LE();
        int nIn = r.readCount(TxIn.MIN_SIZE, "input");
        List<TxIn> inputs = new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) {
            inputs.add(TxIn.read(r));
        }
        int nOut = r.readCount(TxOut.MIN_SIZE, "output");
        List<TxOut> outputs = new ArrayList<>(nOut);
        for (int i = 0; i < nOut; i++) {
            outputs.add(TxOut.read(r));
        }
        long lockTime = r.readUint32LE();
        byte[] raw = Arrays.copyOfRange(r.array(), start, r.position());
        return new Transaction(version, inputs, outputs, lockTime, raw);
    }

    /** Parses exactly one transaction; trailing bytes are an error. */
    public static Transaction parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        Transaction tx = read(r);
        r.expectEnd("transaction");
        return tx;
    }

    public static Transaction fromHex(String hex) {
        return parse(Hex.decode(hex));
    }

    private static byte[] encode(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        ByteWriter w = new ByteWriter(10 + inputs.size() * 150 + outputs.size() * 40);
        w.writeInt32LE(version);
        w.writeCompactSize(inputs.size());
        for (TxIn in : inputs) {
            in.write(w);
        }
        w.writeCompactSize(outputs.size());
        for (TxOut out : outputs) {
            out.write(w);
        }
        w.writeUint32LE(lockTime);
        return w.toByteArray();
    }

    public void write(ByteWriter w) {
        w.writeBytes(serialized);
    }

    public int version() {
        return version;
    }

    public List<TxIn> inputs() {
        return inputs;
    }

    public List<TxOut> outputs() {
        return outputs;
    }

    public long lockTime() {
        return lockTime;
    }

    public Hash256 txid() {
        return txid;
    }

    /** A copy of the serialized bytes. */
    public byte[] serialize() {
        return serialized.clone();
    }

    public int size() {
        return serialized.length;
    }

    /** A coinbase has exactly one input, and it spends the null outpoint. */
    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    public Builder toBuilder() {
        Builder b = new Builder().version(version).lockTime(lockTime);
        inputs.forEach(b::addInput);
        outputs.forEach(b::addOutput);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && Arrays.equals(serialized, t.serialized);
    }

    @Override
    public int hashCode() {
        return txid.hashCode();
    }

    @Override
    public String toString() {
        return "Transaction[" + txid + ", " + inputs.size() + " in, " + outputs.size() + " out]";
    }

    /** A mutable transaction under construction. Not thread-safe. */
    public static final class Builder {
        private int version = 1;
        private final List<TxIn> inputs = new ArrayList<>();
        private final List<TxOut> outputs = new ArrayList<>();
        private long lockTime;

        public Builder version(int v) {
            version = v;
            return this;
        }

        public Builder lockTime(long t) {
            lockTime = t;
            return this;
        }

        public Builder addInput(TxIn in) {
            inputs.add(in);
            return this;
        }

        public Builder addInput(OutPoint prevout, Script scriptSig) {
            return addInput(new TxIn(prevout, scriptSig, TxIn.SEQUENCE_FINAL));
        }

        public Builder setInput(int index, TxIn in) {
            inputs.set(index, in);
            return this;
        }

        public Builder addOutput(TxOut out) {
            outputs.add(out);
            return this;
        }

        public Builder addOutput(long value, Script scriptPubKey) {
            return addOutput(new TxOut(value, scriptPubKey));
        }

        public List<TxIn> inputs() {
            return inputs;
        }

        public List<TxOut> outputs() {
            return outputs;
        }

        public Transaction build() {
            return new Transaction(version, inputs, outputs, lockTime);
        }
    }
}
