package org.nakamoto.chain.state;

import java.math.BigInteger;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.IndexRecord;

/**
 * One block in the block tree: its header, height, cumulative work and a link to its parent. Everything
 * but {@link #status()} is final. Status flags are written only by the chain writer and read by anyone
 * (volatile).
 */
public final class BlockNode {
    private final BlockHeader header;
    private final int height;
    private final BigInteger chainWork;
    private final BlockNode parent;
    private volatile int status;

    BlockNode(BlockHeader header, int height, BigInteger chainWork, BlockNode parent, int status) {
        this.header = header;
        this.height = height;
        this.chainWork = chainWork;
        this.parent = parent;
        this.status = status;
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

    /** The ancestor at {@code h} (this node when h == height), walking parent links. */
    public BlockNode ancestor(int h) {
        if (h > height || h < 0) {
            throw new IllegalArgumentException("no ancestor at height " + h + " below " + height);
        }
        BlockNode n = this;
        while (n.height > h) {
            n = n.parent;
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
