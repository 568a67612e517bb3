package org.nakamoto.miner;

import java.security.DigestException;
import java.security.MessageDigest;
import org.nakamoto.chain.crypto.Hashes;

/**
 * The portable kernel: public {@code MessageDigest} API only, so HotSpot's SHA-256 intrinsic still applies. The
 * midstate is a digest that has absorbed the first 64 bytes, cloned per nonce. That clone allocates (the digest,
 * its buffer and state, short-lived TLAB garbage), the one exception to the kernels' no-allocation rule; it was
 * still measured faster than the allocation-free {@link RedigestKernel}, which pays a third compression.
 */
final class CloneMidstateKernel implements NonceKernel {
    private final MessageDigest second = Hashes.newSha256();
    private MessageDigest midstate = Hashes.newSha256();
    private final byte[] tail = new byte[16];
    private final byte[] firstHash = new byte[32];
    private final byte[] secondHash = new byte[32];
    private final int[] words = new int[8];

    @Override
    public void load(byte[] header) {
        NonceKernel.checkHeader(header);
        midstate = Hashes.newSha256();
        midstate.update(header, 0, 64);
        System.arraycopy(header, 64, tail, 0, 12);
    }

    @Override
    public long search(long from, long to, Target target) {
        NonceKernel.checkRange(from, to);
        int top = target.topWord();
        try {
            for (long nonce = from; nonce < to; nonce++) {
                DigestWords.putNonce(tail, 12, nonce);
                MessageDigest first = (MessageDigest) midstate.clone();
                first.update(tail, 0, 16);
                first.digest(firstHash, 0, 32);
                second.update(firstHash, 0, 32);
                second.digest(secondHash, 0, 32);
                if (DigestWords.meets(secondHash, top, target, words)) {
                    return nonce;
                }
            }
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable and 32 bytes long", e);
        }
        return NOT_FOUND;
    }

    @Override
    public String name() {
        return "clone-midstate";
    }
}
