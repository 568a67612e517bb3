package org.nakamoto.chain.consensus;

import java.math.BigInteger;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.model.Hash256;

/** Proof of work as pure functions over hashes and compact targets (Core's CheckProofOfWork, GetBlockProof). */
public final class ProofOfWork {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private ProofOfWork() {
    }

    /**
     * The target that {@code bits} encode, if proof of work may use it at all.
     *
     * @throws ValidationException {@link RejectReason#BAD_BITS_ENCODING} for a negative, zero or overflowing
     *                             encoding, or a target easier than {@code powLimit}
     */
    public static BigInteger target(long bits, BigInteger powLimit) throws ValidationException {
        CompactTarget t = CompactTarget.decode(bits);
        if (!t.isUsable() || t.value().compareTo(powLimit) > 0) {
            throw new ValidationException(RejectReason.BAD_BITS_ENCODING, String.format("bits 0x%08x", bits));
        }
        return t.value();
    }

    /**
     * Checks that {@code hash}, read as a 256-bit number, is at most the target {@code bits} claim.
     * Core reports a bad encoding as high-hash too; we keep the two apart because they say different
     * things about the sender (a wrong encoding is never an unlucky miner).
     */
    public static void checkProofOfWork(Hash256 hash, long bits, BigInteger powLimit) throws ValidationException {
        BigInteger target = target(bits, powLimit);
        if (hash.toBigInteger().compareTo(target) > 0) {
            throw new ValidationException(RejectReason.HIGH_HASH, hash + " above target of bits " + String.format("0x%08x", bits));
        }
    }

    /**
     * The expected number of hashes to find a block at {@code bits}: 2^256 / (target + 1), the value Core
     * computes as (~target / (target + 1)) + 1 to stay inside 256 bits. Zero for an unusable encoding, as
     * in Core, so a bad header can never add work.
     */
    public static BigInteger work(long bits) {
        CompactTarget t = CompactTarget.decode(bits);
        if (!t.isUsable()) {
            return BigInteger.ZERO;
        }
        return TWO_256.divide(t.value().add(BigInteger.ONE));
    }
}
