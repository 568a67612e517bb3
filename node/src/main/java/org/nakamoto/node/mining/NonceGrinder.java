package org.nakamoto.node.mining;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.concurrent.atomic.LongAdder;
import org.nakamoto.chain.consensus.CompactTarget;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.BlockHeader;

/**
 * The pure nonce search: SHA-256d of the 80-byte header for each nonce in a range, compared with the
 * target without allocating. One grinder per thread (it owns a MessageDigest). Interim until the miner
 * module's kernels are merged.
 */
final class NonceGrinder {
    static final long NOT_FOUND = -1;
    private final MessageDigest sha = Hashes.newSha256();

    /** The target of {@code bits} as 32 big-endian bytes. */
    static byte[] targetBytes(long bits) {
        BigInteger t = CompactTarget.decode(bits).value();
        byte[] raw = t.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** The first nonce in [from, to) whose header hash is at most the target, or NOT_FOUND. */
    long search(BlockHeader header, byte[] target, long from, long to, LongAdder hashes) {
        byte[] h = header.serialize();
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        try {
            for (long nonce = from; nonce < to; nonce++) {
                h[76] = (byte) nonce;
                h[77] = (byte) (nonce >>> 8);
                h[78] = (byte) (nonce >>> 16);
                h[79] = (byte) (nonce >>> 24);
                sha.update(h, 0, 80);
                sha.digest(first, 0, 32);
                sha.update(first, 0, 32);
                sha.digest(second, 0, 32);
                if (atMost(second, target)) {
                    hashes.add(nonce - from + 1);
                    return nonce;
                }
            }
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        hashes.add(to - from);
        return NOT_FOUND;
    }

    /** Hash (internal order: a little-endian number) <= target (big-endian bytes). */
    static boolean atMost(byte[] hash, byte[] target) {
        for (int i = 31; i >= 0; i--) {
            int a = hash[i] & 0xff;
            int b = target[31 - i] & 0xff;
            if (a != b) {
                return a < b;
            }
        }
        return true;
    }
}
