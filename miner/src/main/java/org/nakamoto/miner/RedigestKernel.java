package org.nakamoto.miner;

import java.security.DigestException;
import java.security.MessageDigest;
import org.nakamoto.chain.crypto.Hashes;

/**
 * Public API, no allocation, no midstate: re-digests all 80 bytes per nonce, three compressions instead of two.
 * Kept as the benchmark's reference point for what the midstate is worth; not chosen by {@link NonceKernels#best()}.
 */
final class RedigestKernel implements NonceKernel {
    private final MessageDigest md = Hashes.newSha256();
    private final byte[] header = new byte[80];
    private final byte[] firstHash = new byte[32];
    private final byte[] secondHash = new byte[32];
    private final int[] words = new int[8];

    @Override
    public void load(byte[] newHeader) {
        NonceKernel.checkHeader(newHeader);
        System.arraycopy(newHeader, 0, header, 0, 80);
    }

    @Override
    public long search(long from, long to, Target target) {
        NonceKernel.checkRange(from, to);
        int top = target.topWord();
        try {
            for (long nonce = from; nonce < to; nonce++) {
                DigestWords.putNonce(header, NONCE_OFFSET, nonce);
                md.update(header, 0, 80);
                md.digest(firstHash, 0, 32);
                md.update(firstHash, 0, 32);
                md.digest(secondHash, 0, 32);
                if (DigestWords.meets(secondHash, top, target, words)) {
                    return nonce;
                }
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output is 32 bytes", e);
        }
        return NOT_FOUND;
    }

    @Override
    public String name() {
        return "redigest-80";
    }
}
