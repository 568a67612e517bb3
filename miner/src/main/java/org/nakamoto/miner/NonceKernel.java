package org.nakamoto.miner;

/**
 * The pure SHA-256d nonce search over one 80-byte header. An instance holds per-job scratch state and is
 * used by one thread at a time; each search worker owns one.
 */
public interface NonceKernel {
    /** Returned by {@link #search} when no nonce in the range meets the target. */
    long NOT_FOUND = -1;

    /** Offset of the little-endian 32-bit nonce in the header. */
    int NONCE_OFFSET = 76;

    /**
     * Takes a header for the following searches: the first 64 bytes are hashed here, once (the midstate).
     * The header's own nonce bytes are ignored. The array is copied, so the caller may reuse it.
     */
    void load(byte[] header);

    /**
     * The first nonce in [from, to) whose header's double SHA-256, read as a little-endian 256-bit number,
     * is at most the target, or {@link #NOT_FOUND}. Nonces are unsigned 32-bit: 0 <= from <= to <= 2^32.
     * Does not allocate.
     */
    long search(long from, long to, Target target);

    /** A short name for logs and benchmark output. */
    String name();

    static void checkRange(long from, long to) {
        if (from < 0 || from > to || to > 1L << 32) {
            throw new IllegalArgumentException("nonce range [" + from + ", " + to + ") outside [0, 2^32]");
        }
    }

    static void checkHeader(byte[] header) {
        if (header.length != 80) {
            throw new IllegalArgumentException("header must be 80 bytes, got " + header.length);
        }
    }
}
