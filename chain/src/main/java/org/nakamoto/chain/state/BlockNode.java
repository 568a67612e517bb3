package org.nakamoto.chain.state;

import java.math.BigInteger;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.IndexRecord;

/**
 * One block in the block tree: its header, height, cumulative work, a link to its parent and a skip link
 * to an ancestor further back (Bitcoin Core's {@code CBlockIndex::pskip}), so {@link #ancestor(int)} takes
 * O(log n) steps instead of walking every parent. Everything but {@link #status()} is final, so nodes are
 * safely published to readers; status flags are written only by the chain writer and read by anyone
 * (volatile).
 */
public final class BlockNode {
    private final BlockHeader header;
    private final int height;
    private final BigInteger chainWork;
    private final BlockNode parent;
    /** An ancestor at {@link #skipHeight(int)}; null for genesis. */
    private final BlockNode skip;
    private volatile int status;

    BlockNode(BlockHeader header, int height, BigInteger chainWork, BlockNode parent, int status) {
        if ((parent == null) != (height == 0) || (parent != null && parent.height != height - 1)) {
            throw new IllegalArgumentException("height " + height + " does not follow parent " + parent);
        }
        this.header = header;
        this.height = height;
        this.chainWork = chainWork;
        this.parent = parent;
        this.skip = parent == null ? null : parent.ancestor(skipHeight(height));
        this.status = status;
    }

    /** Clears the lowest set bit of n. */
    private static int invertLowestOne(int n) {
        return n & (n - 1);
    }

    /**
     * The height a node at {@code height} keeps a skip link to: Core's {@code GetSkipHeight}. Any number
     * lower than the height would be correct; this choice makes every ancestor reachable in O(log n)
     * steps, following the skip link where it does not overshoot and the parent otherwise.
     */
    static int skipHeight(int height) {
        if (height < 2) {
            return 0;
        }
        // Odd heights skip one step further back than the even number below them; for the even ones,
        // clearing the lowest set bit lands on a multiple of a power of two.
        return (height & 1) != 0 ? invertLowestOne(invertLowestOne(height - 1)) + 1 : invertLowestOne(height);
    }

    public BlockHeader header() {
        return header;
    }

    public Hash256 hash() {
        return header.hash();
    }

    public int height() {
        return height;
    }

    public BigInteger chainWork() {
        return chainWork;
    }

    /** Null for genesis. */
    public BlockNode parent() {
        return parent;
    }

    public int status() {
        return status;
    }

    void setStatus(int s) {
        status = s;
    }

    public boolean hasData() {
        return BlockStatus.has(status, BlockStatus.HAVE_DATA);
    }

    public boolean isFailed() {
        return BlockStatus.isFailed(status);
    }

    IndexRecord toRecord() {
        return new IndexRecord(header, height, chainWork, status);
    }

    /**
     * The ancestor at {@code h} (this node when h == height), in O(log n) steps: Core's
     * {@code CBlockIndex::GetAncestor}. Take the skip link unless it overshoots {@code h}, or unless the
     * parent's skip link would get at least as close while skipping less (the second clause keeps the
     * walk logarithmic rather than merely short in the common case).
     */
    public BlockNode ancestor(int h) {
        return ancestor(h, null);
    }

    /** {@link #ancestor(int)}, counting the links it follows into {@code steps[0]} when steps is not null. */
    BlockNode ancestor(int h, int[] steps) {
        if (h > height || h < 0) {
            throw new IllegalArgumentException("no ancestor at height " + h + " below " + height);
        }
        BlockNode n = this;
        int walk = height;
        while (walk > h) {
            int heightSkip = skipHeight(walk);
            int heightSkipPrev = skipHeight(walk - 1);
            if (n.skip != null
                    && (heightSkip == h
                            || (heightSkip > h && !(heightSkipPrev < heightSkip - 2 && heightSkipPrev >= h)))) {
                n = n.skip;
                walk = heightSkip;
            } else {
                n = n.parent;
                walk--;
            }
            if (steps != null) {
                steps[0]++;
            }
        }
        return n;
    }

    /** This node's branch, as the header rules read it. */
    public HeaderAncestry ancestry() {
        BlockNode tip = this;
        return new HeaderAncestry() {
            @Override
            public int height() {
                return tip.height;
            }

            @Override
            public int earliestHeight() {
                return 0;
            }

            @Override
            public BlockHeader headerAt(int h) {
                return tip.ancestor(h).header;
            }
        };
    }

    /**
     * Fork choice order: more work first, then the lower hash, so every node holding the same blocks
     * picks the same tip whatever order they arrived in.
     */
    static int compareForTip(BlockNode a, BlockNode b) {
        int c = a.chainWork.compareTo(b.chainWork);
        if (c != 0) {
            return c;
        }
        return b.hash().compareTo(a.hash()); // lower hash is "better"
    }

    @Override
    public String toString() {
        return "BlockNode[" + height + " " + hash() + "]";
    }
}
