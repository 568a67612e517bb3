package org.nakamoto.chain.consensus;

import java.util.List;
import org.nakamoto.chain.model.BlockHeader;

/**
 * A branch held as consecutive headers in memory, optionally on top of a deeper branch: heights from
 * {@code firstHeight} come from the list, lower ones from {@code below}. A headers message validated
 * against the block tree is exactly that shape.
 */
public final class HeaderListAncestry implements HeaderAncestry {
    private final HeaderAncestry below;
    private final List<BlockHeader> headers;
    private final int firstHeight;
    private final int height;

    /**
     * Shares {@code headers} without copying: the run validator appends to it while earlier views are
     * alive, which is safe because a view never reads past its own height.
     */
    HeaderListAncestry(HeaderAncestry below, List<BlockHeader> headers, int firstHeight, int height) {
        if (height < firstHeight - 1 || height - firstHeight >= headers.size()) {
            throw new IllegalArgumentException("height " + height + " not in the list from " + firstHeight);
        }
        if (below == null && height < firstHeight) {
            throw new IllegalArgumentException("empty branch");
        }
        if (below != null && below.height() != firstHeight - 1) {
            throw new IllegalArgumentException("list must start right above the branch below it");
        }
        this.below = below;
        this.headers = headers;
        this.firstHeight = firstHeight;
        this.height = height;
    }

    /** A branch of {@code headers}, the first at {@code firstHeight}, with no history below it. */
    public static HeaderListAncestry of(int firstHeight, List<BlockHeader> headers) {
        List<BlockHeader> copy = List.copyOf(headers);
        return new HeaderListAncestry(null, copy, firstHeight, firstHeight + copy.size() - 1);
    }

    /**
     * The first {@code height + 1} of {@code headers} (genesis first), shared without copying: for a caller
     * that connects block after block and appends each header once connected.
     */
    public static HeaderListAncestry sharing(List<BlockHeader> headers, int height) {
        return new HeaderListAncestry(null, headers, 0, height);
    }

    /** {@code headers} stacked on {@code below}, the first at {@code below.height() + 1}. */
    public static HeaderListAncestry on(HeaderAncestry below, List<BlockHeader> headers) {
        List<BlockHeader> copy = List.copyOf(headers);
        return new HeaderListAncestry(below, copy, below.height() + 1, below.height() + copy.size());
    }

    /** The same branch cut back to end at {@code newHeight}. */
    public HeaderListAncestry upTo(int newHeight) {
        if (newHeight > height) {
            throw new IllegalArgumentException("cannot extend a branch by cutting it: " + newHeight + " > " + height);
        }
        if (newHeight < firstHeight && below != null) {
            throw new IllegalArgumentException("height " + newHeight + " is below the list; cut the branch below instead");
        }
        return new HeaderListAncestry(below, headers, firstHeight, newHeight);
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int earliestHeight() {
        return below != null ? below.earliestHeight() : firstHeight;
    }

    @Override
    public BlockHeader headerAt(int h) {
        if (h > height || h < earliestHeight()) {
            throw new IllegalArgumentException("height " + h + " outside [" + earliestHeight() + ", " + height + "]");
        }
        return h >= firstHeight ? headers.get(h - firstHeight) : below.headerAt(h);
    }
}
