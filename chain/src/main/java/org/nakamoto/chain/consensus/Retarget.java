package org.nakamoto.chain.consensus;

import java.math.BigInteger;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.params.NetworkParams;

/** Which bits the next block must carry: Core's GetNextWorkRequired and CalculateNextWorkRequired. */
public final class Retarget {
    private static final BigInteger MASK_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Retarget() {
    }

    /**
     * The bits required of the block after {@code branch.last()}. Between retargets they are the previous
     * block's; at the first block of a period they are recomputed from the period that just ended. With
     * retargeting off (regtest), always the previous block's.
     */
    public static long nextWorkRequired(NetworkParams params, HeaderAncestry branch) {
        BlockHeader last = branch.last();
        int lastHeight = branch.height();
        if (!params.retargeting() || (lastHeight + 1) % params.retargetInterval() != 0) {
            return last.bits();
        }
        // Bitcoin's off-by-one, kept for consensus: the period is measured over interval - 1 gaps.
        int firstHeight = lastHeight - (params.retargetInterval() - 1);
        if (firstHeight < branch.earliestHeight()) {
            throw new IllegalStateException("retarget at height " + (lastHeight + 1) + " needs the header at "
                    + firstHeight + ", but history starts at " + branch.earliestHeight());
        }
        long firstTime = branch.headerAt(firstHeight).time();
        return calculateNextBits(params, last.bits(), firstTime, last.time());
    }

    /**
     * The retarget formula: the last block's target scaled by the period's actual timespan (clamped to a
     * factor of 4 either way) over the intended one, capped at powLimit and re-encoded compactly.
     */
    public static long calculateNextBits(NetworkParams params, long lastBits, long firstBlockTime, long lastBlockTime) {
        if (!params.retargeting()) {
            return lastBits;
        }
        long timespan = params.targetTimespanSeconds();
        long actual = lastBlockTime - firstBlockTime;
        actual = Math.max(actual, timespan / 4);
        actual = Math.min(actual, timespan * 4);

        // Core does this in a 256-bit integer, which wraps; with real powLimits it never does, but a
        // params file with a huge powLimit must still agree with Core, so wrap the same way.
        BigInteger target = CompactTarget.decode(lastBits).value()
                .multiply(BigInteger.valueOf(actual)).and(MASK_256)
                .divide(BigInteger.valueOf(timespan));
        if (target.compareTo(params.powLimit()) > 0) {
            target = params.powLimit();
        }
        return CompactTarget.encode(target);
    }
}
