package org.nakamoto.chain.consensus;

import java.util.function.IntToLongFunction;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;

/**
 * BIP68 relative lock-times (Bitcoin Core's {@code CalculateSequenceLocks} and
 * {@code EvaluateSequenceLocks}): an input of a version 2 or later transaction whose sequence does not
 * set the disable bit may be spent only after its coin has some depth, counted in blocks, or in units of
 * 512 seconds of median time past since the block before the coin's. Pure functions.
 */
public final class SequenceLocks {
    /** Set in an input's sequence: no relative lock for that input. */
    public static final long DISABLE_FLAG = 1L << 31;
    /** Set in an input's sequence: the lock counts 512-second units of time, not blocks. */
    public static final long TYPE_FLAG = 1L << 22;
    /** The bits of a sequence that hold the lock's value. */
    public static final long MASK = 0x0000ffffL;
    /** A time lock's unit is 2^9 = 512 seconds. */
    public static final int GRANULARITY = 9;

    private SequenceLocks() {
    }

    /**
     * The last height and the last median time past at which the transaction is still locked; -1 for
     * none. Valid in a block whose height is above {@code height} and whose parent's median time past
     * is above {@code time}.
     */
    public record Lock(int height, long time) {
        public static final Lock NONE = new Lock(-1, -1);
    }

    /**
     * Whether BIP68 applies to {@code tx} at all: CSV is active and the version, read unsigned as Core
     * does, is at least 2.
     */
    public static boolean applies(Transaction tx, boolean csvActive) {
        return csvActive && Integer.compareUnsigned(tx.version(), 2) >= 0;
    }

    /**
     * The lock {@code tx} carries (Core's CalculateSequenceLocks with LOCKTIME_VERIFY_SEQUENCE), for a
     * transaction that {@link #applies}.
     *
     * @param coinHeights the height of the coin each input spends
     * @param medianTimePastAt the median time past of the block at a height of the branch the spending
     *                         block builds on (read only for time locks)
     */
    public static Lock calculate(Transaction tx, int[] coinHeights, IntToLongFunction medianTimePastAt) {
        int minHeight = -1;
        long minTime = -1;
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            long sequence = in.sequence();
            if ((sequence & DISABLE_FLAG) != 0) {
                continue;
            }
            long value = sequence & MASK;
            if ((sequence & TYPE_FLAG) != 0) {
                // Time counts from the median time past of the block before the coin's block.
                long coinTime = medianTimePastAt.applyAsLong(Math.max(coinHeights[i] - 1, 0));
                minTime = Math.max(minTime, coinTime + (value << GRANULARITY) - 1);
            } else {
                minHeight = Math.max(minHeight, coinHeights[i] + (int) value - 1);
            }
        }
        return minHeight == -1 && minTime == -1 ? Lock.NONE : new Lock(minHeight, minTime);
    }

    /** Core's EvaluateSequenceLocks: whether a block at {@code height}, whose parent's median time past is given, may hold it. */
    public static boolean satisfied(Lock lock, int height, long parentMedianTimePast) {
        return lock.height() < height && lock.time() < parentMedianTimePast;
    }
}
