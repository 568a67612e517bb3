package org.nakamoto.chain.model;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/** The immutable 80-byte block header. Its hash is computed once, at construction. */
public final class BlockHeader {
    public static final int SIZE = 80;

    private final int version;
    private final Hash256 prevHash;
    private final Hash256 merkleRoot;
    private final long time;
    private final long bits;
    private final long nonce;
    private final Hash256 hash;

    public BlockHeader(int version, Hash256 prevHash, Hash256 merkleRoot, long time, long bits, long nonce) {
        checkUint32(time, "time");
        checkUint32(bits, "bits");
        checkUint32(nonce, "nonce");
        this.version = version;
        this.prevHash = prevHash;
        this.merkleRoot = merkleRoot;
        this.time = time;
        this.bits = bits;
        this.nonce = nonce;
        this.hash = Hash256.sha256d(serialize());
    }

    private static void checkUint32(long v, String name) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(name + " out of uint32 range: " + v);
        }
    }

    public static BlockHeader read(ByteReader r) {
        int version = r.readInt32LE();
        Hash256 prev = Hash256.read(r);
        Hash256 root = Hash256.read(r);
        long time = r.readUint32LE();
        long bits = r.readUint32LE();
        long nonce = r.readUint32LE();
        return new BlockHeader(version, prev, root, time, bits, nonce);
    }

    public static BlockHeader parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        BlockHeader h = read(r);
        r.expectEnd("block header");
        return h;
    }

    public static BlockHeader fromHex(String hex) {
        return parse(Hex.decode(hex));
    }

    public void write(ByteWriter w) {
        w.writeInt32LE(version);
        prevHash.write(w);
        merkleRoot.write(w);
        w.writeUint32LE(time);
        w.writeUint32LE(bits);
        w.writeUint32LE(nonce);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(SIZE);
        write(w);
        return w.toByteArray();
    }

    public int version() {
        return version;
    }

    public Hash256 prevHash() {
        return prevHash;
    }

    public Hash256 merkleRoot() {
        return merkleRoot;
    }

    public long time() {
        return time;
    }

    public long bits() {
        return bits;
    }

    public long nonce() {
        return nonce;
    }

    public Hash256 hash() {
        return hash;
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, prevHash, merkleRoot, time, bits, newNonce);
    }

    public BlockHeader withTime(long newTime) {
        return new BlockHeader(version, prevHash, merkleRoot, newTime, bits, nonce);
    }

    public BlockHeader withBits(long newBits) {
        return new BlockHeader(version, prevHash, merkleRoot, time, newBits, nonce);
    }

    public BlockHeader withMerkleRoot(Hash256 root) {
        return new BlockHeader(version, prevHash, root, time, bits, nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && h.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "BlockHeader[" + hash + "]";
    }
}
