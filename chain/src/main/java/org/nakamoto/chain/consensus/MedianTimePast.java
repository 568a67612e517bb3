package org.nakamoto.chain.consensus;

import java.util.Arrays;

/** The median of the last 11 block times of a branch, Core's GetMedianTimePast. */
public final class MedianTimePast {
    /** How many blocks the median spans. */
    public static final int SPAN = 11;

    private MedianTimePast() {
    }

    /**
     * The median time of the last {@link #SPAN} headers of {@code branch}, or of all it holds when fewer
     * are available: sorted, the element at index size/2 (the upper median for an even count, as Core).
     */
    public static long of(HeaderAncestry branch) {
        return at(branch, branch.height());
    }

    /**
     * The median time past of the block at {@code height} on {@code branch} (Core's
     * {@code GetAncestor(height)->GetMedianTimePast()}): the same median over that block and the ten before it.
     */
    public static long at(HeaderAncestry branch, int height) {
        if (height > branch.height() || height < branch.earliestHeight()) {
            throw new IllegalArgumentException("height " + height + " is not on the branch");
        }
        int bottom = Math.max(branch.earliestHeight(), height - (SPAN - 1));
        long[] times = new long[height - bottom + 1];
        for (int h = bottom; h <= height; h++) {
            times[h - bottom] = branch.headerAt(h).time();
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
