package org.nakamoto.chain.consensus;

import java.math.BigInteger;
import java.util.Objects;
import org.nakamoto.chain.model.BlockHeader;

/**
 * A header placed in a chain: its height and the cumulative work of the chain up to and including it
 * (the sum of {@link ProofOfWork#work(long)} from genesis), the number fork choice compares.
 */
public record ChainedHeader(BlockHeader header, int height, BigInteger chainWork) {
    public ChainedHeader {
        Objects.requireNonNull(header);
        Objects.requireNonNull(chainWork);
        if (height < 0 || chainWork.signum() < 0) {
            throw new IllegalArgumentException("height and chain work must not be negative");
        }
    }

    /** The header that extends this one, with its work added. */
    public ChainedHeader next(BlockHeader child) {
        return new ChainedHeader(child, height + 1, chainWork.add(ProofOfWork.work(child.bits())));
    }
}
