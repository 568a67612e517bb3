package org.nakamoto.chain.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;

/**
 * The blocks that could become the tip (Core's setBlockIndexCandidates): stored, not known invalid, with
 * their whole branch stored, at least as good as the tip, ordered by {@link BlockNode#compareForTip}.
 *
 * <p>Not thread-safe: owned by the chain writer.
 */
final class TipCandidates {
    private final TreeSet<BlockNode> set = new TreeSet<>(BlockNode::compareForTip);
    private final BlockTree tree;

    TipCandidates(BlockTree tree) {
        this.tree = tree;
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

    /** Adds {@code n} and its stored descendants, if {@code n}'s whole branch is stored. */
    void addWithStoredDescendants(BlockNode n, ActiveChain active) {
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
            set.add(x);
            todo.addAll(tree.children(x));
        }
    }

    /** Recomputes the set from the whole tree (on load, invalidateblock and reconsiderblock). */
    void rebuild(ActiveChain active) {
        set.clear();
        for (BlockNode n : tree.all()) {
            if (n.hasData() && !n.isFailed() && branchComplete(n, active)
                    && BlockNode.compareForTip(n, active.tip()) >= 0) {
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
