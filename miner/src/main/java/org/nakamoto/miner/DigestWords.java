package org.nakamoto.miner;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte layout shared by the kernels and workers, without allocation: a 32-byte digest as the eight big-endian words
 * {@link Target#isMetBy(int[])} takes, and the little-endian nonce field.
 */
final class DigestWords {
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private DigestWords() {
    }

    /** Word 7 alone: enough for the early reject. */
    static int last(byte[] digest) {
        return (int) BE_INT.get(digest, 28);
    }

    /**
     * Whether a double-SHA-256 digest meets the target: the top word (the hash's most significant, last
     * in the digest) against {@code top} first, so almost every nonce is rejected without the full compare.
     * {@code words} is the caller's scratch array, so nothing is allocated.
     */
    static boolean meets(byte[] digest, int top, Target target, int[] words) {
        if (Integer.compareUnsigned(Integer.reverseBytes(last(digest)), top) > 0) {
            return false;
        }
        read(digest, words);
        return target.isMetBy(words);
    }

    static void read(byte[] digest, int[] words) {
        for (int i = 0; i < 8; i++) {
            words[i] = (int) BE_INT.get(digest, 4 * i);
        }
    }

    /** Writes the nonce little-endian at {@code offset}. */
    static void putNonce(byte[] buf, int offset, long nonce) {
        buf[offset] = (byte) nonce;
        buf[offset + 1] = (byte) (nonce >>> 8);
        buf[offset + 2] = (byte) (nonce >>> 16);
        buf[offset + 3] = (byte) (nonce >>> 24);
    }
}
