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
        int top = branch.height();
        int bottom = Math.max(branch.earliestHeight(), top - (SPAN - 1));
        long[] times = new long[top - bottom + 1];
        for (int h = bottom; h <= top; h++) {
            times[h - bottom] = branch.headerAt(h).time();
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
