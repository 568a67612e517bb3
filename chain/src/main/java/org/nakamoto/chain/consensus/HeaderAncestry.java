package org.nakamoto.chain.consensus;

import org.nakamoto.chain.model.BlockHeader;

/**
 * One branch of the header chain as the header rules see it: the last header of the branch (the parent
 * of the header being checked) and its ancestors by height. The rules read only a few of them (the last
 * 11 for the median time, the first of the retarget period), so implementations may be an in-memory
 * run of headers or a block tree that walks back from a tip, without materialising a list.
 *
 * <p>History may start above genesis, at a trusted checkpoint: {@link #earliestHeight()} says where.
 * The median time uses what is there, as Core does near genesis; a retarget whose period begins below
 * the earliest height cannot be computed, so a run must start on or before a period's first block.
 */
public interface HeaderAncestry {
    /** The height of the last header of this branch. */
    int height();

    /** The lowest height {@link #headerAt(int)} answers for: 0 for a chain from genesis. */
    int earliestHeight();

    /**
     * The header at {@code height} on this branch.
     *
     * @throws IllegalArgumentException when {@code height} is outside [{@link #earliestHeight()}, {@link #height()}]
     */
    BlockHeader headerAt(int height);

    /** The last header of this branch. */
    default BlockHeader last() {
        return headerAt(height());
    }
}
