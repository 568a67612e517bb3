package org.nakamoto.chain.model;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/**
 * An immutable block: a header and its transactions, the first of which should be the coinbase. It is
 * serialized, stored and relayed with its witnesses; {@link #strippedSize()} and {@link #weight()} give
 * the BIP141 measures.
 */
public final class Block {
    private final BlockHeader header;
    private final List<Transaction> transactions;
    private final int size;
    private final int strippedSize;
    private final boolean hasWitness;

    public Block(BlockHeader header, List<Transaction> transactions) {
        this.header = header;
        this.transactions = List.copyOf(transactions);
        int base = BlockHeader.SIZE + ByteWriter.compactSizeLength(transactions.size());
        int s = base;
        int stripped = base;
        boolean w = false;
        for (Transaction tx : this.transactions) {
            s += tx.size();
            stripped += tx.strippedSize();
            w |= tx.hasWitness();
        }
        this.size = s;
        this.strippedSize = stripped;
        this.hasWitness = w;
    }

    public static Block read(ByteReader r) {
        BlockHeader header = BlockHeader.read(r);
        // The smallest legacy transaction is 10 bytes (version, two empty counts, lock time).
        int n = r.readCount(10, "transaction");
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(Transaction.read(r));
        }
        return new Block(header, txs);
    }

    /** Parses exactly one block; trailing bytes are an error. */
    public static Block parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        Block b = read(r);
        r.expectEnd("block");
        return b;
    }

    public static Block fromHex(String hex) {
        return parse(Hex.decode(hex));
    }

    public void write(ByteWriter w) {
        header.write(w);
        w.writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            tx.write(w);
        }
    }

    /** Writes the block with every transaction in its legacy encoding, for peers without witness support. */
    public void writeWithoutWitness(ByteWriter w) {
        header.write(w);
        w.writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            tx.writeWithoutWitness(w);
        }
    }

    /** The full encoding, with witnesses. */
    public byte[] serialize() {
        ByteWriter w = new ByteWriter(size);
        write(w);
        return w.toByteArray();
    }

    /** The encoding a pre-segwit node sees. */
    public byte[] serializeWithoutWitness() {
        ByteWriter w = new ByteWriter(strippedSize);
        writeWithoutWitness(w);
        return w.toByteArray();
    }

    public BlockHeader header() {
        return header;
    }

    public Hash256 hash() {
        return header.hash();
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    /** Serialized size in bytes, with witnesses. */
    public int size() {
        return size;
    }

    /** Size without witnesses. */
    public int strippedSize() {
        return strippedSize;
    }

    /** BIP141 block weight: stripped size times three plus total size. */
    public long weight() {
        return (long) strippedSize * (Transaction.WITNESS_SCALE_FACTOR - 1) + size;
    }

    /** True when any transaction carries a witness. */
    public boolean hasWitness() {
        return hasWitness;
    }

    public Block withHeader(BlockHeader h) {
        return new Block(h, transactions);
    }

    public Block withTransactions(List<Transaction> txs) {
        return new Block(header, txs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.header.equals(header) && b.transactions.equals(transactions);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + hash() + ", " + transactions.size() + " txs]";
    }
}
