package org.nakamoto.chain.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/**
 * One input's witness stack (BIP141): a list of byte strings carried outside the txid. Immutable;
 * {@link #EMPTY} is the witness of every legacy input. Items are not scripts and are never parsed here.
 */
public final class Witness {
    public static final Witness EMPTY = new Witness(new byte[0][]);

    private final byte[][] items;

    private Witness(byte[][] items) {
        this.items = items;
    }

    /** A witness holding copies of {@code items}. */
    public static Witness of(List<byte[]> items) {
        if (items.isEmpty()) {
            return EMPTY;
        }
        byte[][] copy = new byte[items.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = items.get(i).clone();
        }
        return new Witness(copy);
    }

    public static Witness of(byte[]... items) {
        return of(Arrays.asList(items));
    }

    /** Reads a witness stack as BIP144 encodes it: a CompactSize count, then each item as var bytes. */
    public static Witness read(ByteReader r) {
        // An item is at least one byte (its empty length), so the count is bounded by what remains.
        int n = r.readCount(1, "witness item");
        if (n == 0) {
            return EMPTY;
        }
        byte[][] items = new byte[n][];
        for (int i = 0; i < n; i++) {
            items[i] = r.readVarBytes();
        }
        return new Witness(items);
    }

    public void write(ByteWriter w) {
        w.writeCompactSize(items.length);
        for (byte[] item : items) {
            w.writeVarBytes(item);
        }
    }

    /** Bytes {@link #write} produces. */
    public int serializedSize() {
        int s = ByteWriter.compactSizeLength(items.length);
        for (byte[] item : items) {
            s += ByteWriter.compactSizeLength(item.length) + item.length;
        }
        return s;
    }

    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    /** A copy of item {@code i}. */
    public byte[] get(int i) {
        return items[i].clone();
    }

    /** Item {@code i} without copying, for the interpreter and serializers; never modify it. */
    public byte[] unsafeGet(int i) {
        return items[i];
    }

    /** Copies of the items, bottom of the stack first. */
    public List<byte[]> items() {
        List<byte[]> out = new ArrayList<>(items.length);
        for (byte[] item : items) {
            out.add(item.clone());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Witness w && Arrays.deepEquals(items, w.items);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(items);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Hex.encode(items[i]));
        }
        return sb.append(']').toString();
    }
}
