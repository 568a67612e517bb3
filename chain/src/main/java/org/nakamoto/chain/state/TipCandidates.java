package org.nakamoto.chain.state;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.TreeSet;
import org.nakamoto.chain.params.TieBreak;

/**
 * The blocks that could become the tip (Core's setBlockIndexCandidates): stored, not known invalid, with
 * their whole branch stored, at least as good as the tip, ordered by {@link BlockNode#tipOrder} under the
 * network's tie-break rule.
 *
 * <p>Not thread-safe: owned by the chain writer.
 */
final class TipCandidates {
    private final Comparator<BlockNode> order;
    private final TreeSet<BlockNode> set;
    private final BlockTree tree;
    /** Core's nBlockSequenceId: the next id a newly linked block gets. */
    private long nextSequenceId = BlockNode.SEQ_INIT_FROM_DISK + 1;

    TipCandidates(BlockTree tree, TieBreak rule) {
        this.tree = tree;
        this.order = BlockNode.tipOrder(rule);
        this.set = new TreeSet<>(order);
    }

    /** The fork choice order, better last. */
    Comparator<BlockNode> order() {
        return order;
    }

    /** Stored blocks of the active chain rank before any other at equal work; see {@link BlockNode#sequenceId()}. */
    void loaded(ActiveChain active) {
        for (BlockNode n : tree.all()) {
            n.setSequenceId(active.contains(n) ? BlockNode.SEQ_BEST_CHAIN_FROM_DISK : BlockNode.SEQ_INIT_FROM_DISK);
        }
    }

    /** The best candidate, or null. */
    BlockNode best() {
        return set.isEmpty() ? null : set.last();
    }

    void remove(BlockNode n) {
        set.remove(n);
    }

    /** Forgets every candidate worse than {@code tip}. */
    void dropWorseThan(BlockNode tip) {
        set.headSet(tip, false).clear();
    }

    /**
     * Adds {@code n}, whose data just arrived, and its stored descendants, if {@code n}'s whole branch is
     * stored. Each gets its sequence id now, in the order they are linked, as Core's ReceivedBlockTransactions
     * does: a block's place in a tie is when it could first become the tip, not when its header came.
     */
    void addReceived(BlockNode n, ActiveChain active) {
        if (n.parent() != null && !branchComplete(n.parent(), active)) {
            return;
        }
        Deque<BlockNode> todo = new ArrayDeque<>();
        todo.add(n);
        while (!todo.isEmpty()) {
            BlockNode x = todo.poll();
            if (!x.hasData() || x.isFailed()) {
                continue;
            }
            x.setSequenceId(nextSequenceId++);
            set.add(x);
            todo.addAll(tree.children(x));
        }
    }

    /** Recomputes the set from the whole tree (on load, invalidateblock and reconsiderblock). */
    void rebuild(ActiveChain active) {
        set.clear();
        for (BlockNode n : tree.all()) {
            if (n.hasData() && !n.isFailed() && branchComplete(n, active)
                    && order.compare(n, active.tip()) >= 0) {
                set.add(n);
            }
        }
    }

    private static boolean branchComplete(BlockNode n, ActiveChain active) {
        for (BlockNode x = n; x != null; x = x.parent()) {
            if (active.contains(x)) {
                return true;
            }
            if (!x.hasData() || x.isFailed()) {
                return false;
            }
        }
        return true;
    }
}
