package org.nakamoto.chain.state;

import java.util.Arrays;
import org.nakamoto.chain.model.Hash256;

/**
 * An immutable view of the active chain, genesis to tip, indexed by height. Extending the chain
 * reuses the backing array (slots above a view's height are invisible to it); after a block is
 * disconnected the next extension copies the array, so no published view ever changes.
 */
public final class ActiveChain {
    private final BlockNode[] nodes;
    private final int height;

    private ActiveChain(BlockNode[] nodes, int height) {
        this.nodes = nodes;
        this.height = height;
    }

    static ActiveChain of(BlockNode genesis) {
        BlockNode[] a = new BlockNode[1024];
        a[0] = genesis;
        return new ActiveChain(a, 0);
    }

    /** Rebuilds the view ending at {@code tip} (used at start-up). */
    static ActiveChain ending(BlockNode tip) {
        BlockNode[] a = new BlockNode[Math.max(1024, tip.height() * 2)];
        for (BlockNode n = tip; n != null; n = n.parent()) {
            a[n.height()] = n;
        }
        return new ActiveChain(a, tip.height());
    }

    /** This chain with {@code next} on top; {@code mayShare} is false once a disconnect has happened. */
    ActiveChain extend(BlockNode next, boolean mayShare) {
        if (next.height() != height + 1 || next.parent() != nodes[height]) {
            throw new IllegalStateException(next + " does not extend the tip " + tip());
        }
        BlockNode[] a = nodes;
        if (!mayShare || a.length <= next.height()) {
            a = Arrays.copyOf(nodes, Math.max(nodes.length, next.height() * 2));
        }
        a[next.height()] = next;
        return new ActiveChain(a, next.height());
    }

    ActiveChain withoutTip() {
        if (height == 0) {
            throw new IllegalStateException("cannot disconnect genesis");
        }
        return new ActiveChain(nodes, height - 1);
    }

    public BlockNode tip() {
        return nodes[height];
    }

    public int height() {
        return height;
    }

    /** The block at {@code h} on this chain, or null above the tip. */
    public BlockNode at(int h) {
        return h < 0 || h > height ? null : nodes[h];
    }

    public boolean contains(BlockNode n) {
        return n.height() <= height && nodes[n.height()] == n;
    }

    public boolean contains(Hash256 hash, int h) {
        return h >= 0 && h <= height && nodes[h].hash().equals(hash);
    }

    /** The last block this chain shares with {@code n}'s branch. */
    public BlockNode findFork(BlockNode n) {
        if (n.height() > height) {
            n = n.ancestor(height);
        }
        while (n != null && !contains(n)) {
            n = n.parent();
        }
        return n;
    }
}
