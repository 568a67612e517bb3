package org.nakamoto.chain.state;

import java.math.BigInteger;
import java.util.Comparator;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.TieBreak;
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
    /** Core's SEQ_ID_BEST_CHAIN_FROM_DISK: the stored active chain, ahead of anything at equal work. */
    static final long SEQ_BEST_CHAIN_FROM_DISK = 0;
    /** Core's SEQ_ID_INIT_FROM_DISK: stored blocks, and blocks not yet linked to a complete branch. */
    static final long SEQ_INIT_FROM_DISK = 1;
    /** See {@link #sequenceId()}; volatile only so that readers (RPC) see a recent value. */
    private volatile long sequenceId = SEQ_INIT_FROM_DISK;

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
     * Fork choice order, better last: more work first; at equal work {@code rule} decides. First-seen
     * (Core's CBlockIndexWorkComparator) prefers the lower {@link #sequenceId()}, then, for blocks loaded
     * with the same id, the lower hash where Core falls back on memory addresses; lowest-hash prefers the
     * lower hash, so every node holding the same blocks picks the same tip whatever order they arrived in.
     * Both are strict total orders over distinct blocks, as the candidate set needs.
     */
    static Comparator<BlockNode> tipOrder(TieBreak rule) {
        return rule == TieBreak.FIRST_SEEN ? BlockNode::compareFirstSeen : BlockNode::compareLowestHash;
    }

    private static int compareLowestHash(BlockNode a, BlockNode b) {
        int c = a.chainWork.compareTo(b.chainWork);
        if (c != 0) {
            return c;
        }
        return b.hash().compareTo(a.hash()); // lower hash is "better"
    }

    private static int compareFirstSeen(BlockNode a, BlockNode b) {
        int c = a.chainWork.compareTo(b.chainWork);
        if (c != 0) {
            return c;
        }
        c = Long.compare(b.sequenceId, a.sequenceId); // received earlier is "better"
        if (c != 0) {
            return c;
        }
        return b.hash().compareTo(a.hash());
    }

    /**
     * When this block's data, with all its ancestors', became available (Core's {@code nSequenceId}):
     * {@link #SEQ_BEST_CHAIN_FROM_DISK} for the stored active chain, {@link #SEQ_INIT_FROM_DISK} for other
     * stored blocks and blocks still waiting for an ancestor, then a counter in the order blocks arrive.
     */
    public long sequenceId() {
        return sequenceId;
    }

    /** Written by the chain writer only, never while the node is in the candidate set (its order would break). */
    void setSequenceId(long id) {
        sequenceId = id;
    }

    @Override
    public String toString() {
        return "BlockNode[" + height + " " + hash() + "]";
    }
}
