package org.nakamoto.chain.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

/**
 * An immutable transaction. It has two encodings (BIP144): the legacy one, which the txid hashes and
 * pre-segwit peers see, and, when any input carries a witness, the extended one (marker {@code 00},
 * flag {@code 01}, then every input's witness stack after the outputs), which the wtxid hashes. A
 * transaction without witnesses has one encoding, and then both ids and both sizes coincide. Both
 * encodings and ids are computed once, at construction. Build new ones with {@link Builder}.
 */
public final class Transaction {
    /** BIP141's scale factor: a byte outside the witness weighs this much, a witness byte weighs one. */
    public static final int WITNESS_SCALE_FACTOR = 4;

    private final int version;
    private final List<TxIn> inputs;
    private final List<TxOut> outputs;
    private final long lockTime;
    private final boolean hasWitness;
    /** The full encoding: with witnesses when there are any, else the legacy one. */
    private final byte[] serialized;
    /** The legacy encoding; the same array as {@link #serialized} when there is no witness. */
    private final byte[] stripped;
    private final Hash256 txid;
    private final Hash256 wtxid;

    private Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime, byte[] serialized) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = lockTime;
        boolean w = false;
        for (TxIn in : this.inputs) {
            w |= in.hasWitness();
        }
        this.hasWitness = w;
        this.stripped = !w && serialized != null ? serialized : encode(version, this.inputs, this.outputs, lockTime, false);
        this.serialized = !w ? this.stripped
                : serialized != null ? serialized : encode(version, this.inputs, this.outputs, lockTime, true);
        this.txid = Hash256.sha256d(this.stripped);
        this.wtxid = w ? Hash256.sha256d(this.serialized) : this.txid;
    }

    public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        this(version, inputs, outputs, lockTime, null);
    }

    /** Reads either encoding, as Core does for blocks and relay ({@code TX_WITH_WITNESS}). */
    public static Transaction read(ByteReader r) {
        return read(r, true);
    }

    /**
     * Reads one transaction. With {@code allowWitness} false only the legacy encoding is accepted, and a
     * transaction with no inputs is read as such (the ambiguity BIP144's marker creates). With it true,
     * Core's rules apply: a zero input count followed by flag {@code 01} introduces the extended form, a
     * flag with no non-empty witness is "superfluous", and unknown flag bits are refused.
     */
    public static Transaction read(ByteReader r, boolean allowWitness) {
        int start = r.position();
        int version = r.readInt32LE();
        int nIn = r.readCount(TxIn.MIN_SIZE, "input");
        List<TxIn> inputs = readInputs(r, nIn);
        int flags = 0;
        List<TxOut> outputs;
        if (nIn == 0 && allowWitness) {
            flags = r.readUint8();
            if (flags != 0) {
                inputs = readInputs(r, r.readCount(TxIn.MIN_SIZE, "input"));
                outputs = readOutputs(r);
            } else {
                // Marker without flag: this was a legacy transaction with no inputs and no outputs.
                outputs = List.of();
            }
        } else {
            outputs = readOutputs(r);
        }
        if ((flags & 1) != 0) {
            flags ^= 1;
            boolean any = false;
            for (int i = 0; i < inputs.size(); i++) {
                Witness w = Witness.read(r);
                any |= !w.isEmpty();
                inputs.set(i, inputs.get(i).withWitness(w));
            }
            if (!any) {
                throw new ParseException("superfluous witness record");
            }
        }
        if (flags != 0) {
            throw new ParseException("unknown transaction optional data");
        }
        long lockTime = r.readUint32LE();
        byte[] raw = Arrays.copyOfRange(r.array(), start, r.position());
        return new Transaction(version, inputs, outputs, lockTime, raw);
    }

    private static List<TxIn> readInputs(ByteReader r, int n) {
        List<TxIn> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(TxIn.read(r));
        }
        return inputs;
    }

    private static List<TxOut> readOutputs(ByteReader r) {
        int nOut = r.readCount(TxOut.MIN_SIZE, "output");
        List<TxOut> outputs = new ArrayList<>(nOut);
        for (int i = 0; i < nOut; i++) {
            outputs.add(TxOut.read(r));
        }
        return outputs;
    }

    /** Parses exactly one transaction in either encoding; trailing bytes are an error. */
    public static Transaction parse(byte[] raw) {
        return parse(raw, true);
    }

    /** Parses exactly one transaction; see {@link #read(ByteReader, boolean)}. */
    public static Transaction parse(byte[] raw, boolean allowWitness) {
        ByteReader r = new ByteReader(raw);
        Transaction tx = read(r, allowWitness);
        r.expectEnd("transaction");
        return tx;
    }

    public static Transaction fromHex(String hex) {
        return parse(Hex.decode(hex));
    }

    private static byte[] encode(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime, boolean witness) {
        ByteWriter w = new ByteWriter(10 + inputs.size() * 150 + outputs.size() * 40);
        w.writeInt32LE(version);
        if (witness) {
            w.writeUint8(0).writeUint8(1);
        }
        w.writeCompactSize(inputs.size());
        for (TxIn in : inputs) {
            in.write(w);
        }
        w.writeCompactSize(outputs.size());
        for (TxOut out : outputs) {
            out.write(w);
        }
        if (witness) {
            for (TxIn in : inputs) {
                in.witness().write(w);
            }
        }
        w.writeUint32LE(lockTime);
        return w.toByteArray();
    }

    /** Writes the full encoding (with witnesses when there are any). */
    public void write(ByteWriter w) {
        w.writeBytes(serialized);
    }

    /** Writes the legacy encoding, for peers and hashes that must not see witnesses. */
    public void writeWithoutWitness(ByteWriter w) {
        w.writeBytes(stripped);
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

    /** The hash of the legacy encoding: what outpoints, the merkle root and {@code inv MSG_TX} name. */
    public Hash256 txid() {
        return txid;
    }

    /** The hash of the full encoding (BIP141); equal to {@link #txid()} without witnesses. */
    public Hash256 wtxid() {
        return wtxid;
    }

    /** True when any input carries a non-empty witness, so the extended encoding is used. */
    public boolean hasWitness() {
        return hasWitness;
    }

    /** A copy of the full encoding (with witnesses when there are any). */
    public byte[] serialize() {
        return serialized.clone();
    }

    /** A copy of the legacy encoding. */
    public byte[] serializeWithoutWitness() {
        return stripped.clone();
    }

    /** Bytes of the full encoding (Core's "size" in RPC). */
    public int size() {
        return serialized.length;
    }

    /** Bytes of the legacy encoding (Core's stripped size). */
    public int strippedSize() {
        return stripped.length;
    }

    /** BIP141 weight: stripped size times three plus total size. Legacy transactions weigh 4x their size. */
    public long weight() {
        return (long) stripped.length * (WITNESS_SCALE_FACTOR - 1) + serialized.length;
    }

    /** Virtual size: weight divided by four, rounded up (the unit of fee rates since segwit). */
    public long vsize() {
        return (weight() + WITNESS_SCALE_FACTOR - 1) / WITNESS_SCALE_FACTOR;
    }

    /** This transaction with every witness removed (same txid). */
    public Transaction withoutWitness() {
        if (!hasWitness) {
            return this;
        }
        List<TxIn> bare = new ArrayList<>(inputs.size());
        for (TxIn in : inputs) {
            bare.add(in.withWitness(Witness.EMPTY));
        }
        return new Transaction(version, bare, outputs, lockTime, stripped);
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

        /** Sets input {@code index}'s witness stack, keeping the rest of the input. */
        public Builder setWitness(int index, Witness w) {
            inputs.set(index, inputs.get(index).withWitness(w));
            return this;
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
