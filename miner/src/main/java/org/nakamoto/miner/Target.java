package org.nakamoto.miner;

import java.math.BigInteger;

/**
 * A proof-of-work target in the form the nonce kernels compare against: the 256-bit number cut into eight
 * unsigned 32-bit words, most significant first. Kernels look at the top word alone first, which rejects
 * all but about one hash in 2^32 at any real difficulty, and call {@link #isMetBy(int[])} only on a tie.
 */
public final class Target {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    /** Words of the target, most significant first. */
    private final int[] words;
    private final BigInteger value;

    private Target(BigInteger value) {
        this.value = value;
        this.words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = value.shiftRight(32 * (7 - i)).intValue();
        }
    }

    /** @throws IllegalArgumentException unless 0 <= value < 2^256 */
    public static Target of(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("target out of 256-bit range: " + value.toString(16));
        }
        return new Target(value);
    }

    public BigInteger value() {
        return value;
    }

    /** The most significant 32 bits, for the kernels' early reject. */
    public int topWord() {
        return words[0];
    }

    /**
     * Whether a SHA-256 output, given as its eight big-endian state words (the form the compression function
     * leaves them in), read as Bitcoin's little-endian 256-bit number is at most this target.
     */
    public boolean isMetBy(int[] digestWords) {
        for (int i = 0; i < 8; i++) {
            // Word i of the number, most significant first, is digest word 7 - i with its bytes reversed.
            int c = Integer.compareUnsigned(Integer.reverseBytes(digestWords[7 - i]), words[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return true;
    }

    /** The same test on the 32 digest bytes. */
    public boolean isMetBy(byte[] digest) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (digest[4 * i] & 0xff) << 24 | (digest[4 * i + 1] & 0xff) << 16
                    | (digest[4 * i + 2] & 0xff) << 8 | (digest[4 * i + 3] & 0xff);
        }
        return isMetBy(w);
    }

    @Override
    public String toString() {
        return "Target[" + value.toString(16) + "]";
    }
}
