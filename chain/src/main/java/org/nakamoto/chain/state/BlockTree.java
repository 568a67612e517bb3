package org.nakamoto.chain.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nakamoto.chain.consensus.HeaderChainValidator;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.IndexRecord;
import org.nakamoto.chain.store.StoreException;

/**
 * Every block header known, as a tree: lookup by hash, children, validity marks and the best valid
 * header (Bitcoin Core's block index and {@code m_best_header}). It does not know which branch is active
 * nor write to the store: it returns the index records it changed for {@link ChainState} to write.
 *
 * <p>Concurrency: written only by the chain writer (inside {@link ChainState}'s monitor); {@link #node},
 * {@link #all} and {@link #bestHeader} may be read by any thread (a concurrent map and a volatile field).
 * {@code children} is writer-only.
 */
final class BlockTree {
    private final Map<Hash256, BlockNode> nodes = new ConcurrentHashMap<>();
    private final Map<BlockNode, List<BlockNode>> children = new HashMap<>();
    private final HeaderChainValidator headerRules;
    /** The most-work header not known invalid; see {@link ChainState#bestHeader()}. */
    private volatile BlockNode bestHeader;

    BlockTree(HeaderChainValidator headerRules) {
        this.headerRules = headerRules;
    }

    /** Rebuilds the tree from stored index records (any order), checking that they link up. */
    void load(List<IndexRecord> records, NetworkParams params) {
        List<IndexRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(IndexRecord::height));
        for (IndexRecord r : sorted) {
            BlockNode parent = r.height() == 0 ? null : nodes.get(r.header().prevHash());
            if (r.height() == 0 && !r.header().hash().equals(params.genesisHash())) {
                throw new StoreException("the block store holds a height-0 block that is not this network's genesis");
            }
            if (r.height() > 0 && parent == null) {
                throw new StoreException("the block store is corrupt: block " + r.header().hash() + " at height "
                        + r.height() + " has no stored parent");
            }
            if (parent != null && parent.height() != r.height() - 1) {
                throw new StoreException("the block store is corrupt: block " + r.header().hash() + " at height "
                        + r.height() + " follows a parent at height " + parent.height());
            }
            link(new BlockNode(r.header(), r.height(), r.chainWork(), parent, r.status()));
        }
    }

    /** A new genesis node for an empty store. */
    static BlockNode genesisNode(BlockHeader genesis) {
        int status = BlockStatus.HEADER_VALID | BlockStatus.HAVE_DATA | BlockStatus.VALID;
        return new BlockNode(genesis, 0, ProofOfWork.work(genesis.bits()), null, status);
    }

    private void link(BlockNode n) {
        nodes.put(n.hash(), n);
        if (n.parent() != null) {
            children.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n);
        }
    }

    BlockNode node(Hash256 hash) {
        return nodes.get(hash);
    }

    boolean contains(Hash256 hash) {
        return nodes.containsKey(hash);
    }

    Collection<BlockNode> all() {
        return nodes.values();
    }

    List<BlockNode> children(BlockNode n) {
        return children.getOrDefault(n, List.of());
    }

    /** The stored best valid header (callers compare it with the tip). */
    BlockNode bestHeader() {
        return bestHeader;
    }

    /** The blocks no other known block builds on: Bitcoin Core's chain tips. */
    List<BlockNode> leaves() {
        Set<BlockNode> parents = new HashSet<>();
        for (BlockNode n : nodes.values()) {
            if (n.parent() != null) {
                parents.add(n.parent());
            }
        }
        List<BlockNode> out = new ArrayList<>();
        for (BlockNode n : nodes.values()) {
            if (!parents.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Validates a header in the context of its parent and adds it; an already known header is returned
     * as it is. A new node's index record goes to {@code added} for the caller to write.
     */
    BlockNode addHeader(BlockHeader header, List<IndexRecord> added) throws ValidationException {
        BlockNode known = nodes.get(header.hash());
        if (known != null) {
            if (known.isFailed()) {
                throw new ValidationException(RejectReason.DUPLICATE_BLOCK, "known invalid: " + header.hash());
            }
            return known;
        }
        BlockNode parent = nodes.get(header.prevHash());
        if (parent == null) {
            throw new ValidationException(RejectReason.PREV_BLOCK_NOT_FOUND, header.prevHash().toString());
        }
        if (parent.isFailed()) {
            throw new ValidationException(RejectReason.PREV_BLOCK_INVALID, header.prevHash().toString());
        }
        headerRules.check(header, parent.ancestry());
        BlockNode n = new BlockNode(header, parent.height() + 1,
                parent.chainWork().add(ProofOfWork.work(header.bits())), parent, BlockStatus.HEADER_VALID);
        added.add(n.toRecord());
        link(n);
        if (n.chainWork().compareTo(bestHeader.chainWork()) > 0) {
            bestHeader = n;
        }
        return n;
    }

    /**
     * Marks {@code n} failed and its descendants failed-by-parent; {@code dropped} hears of each (to leave
     * the candidate set). Returns the changed index records.
     */
    List<IndexRecord> markFailed(BlockNode n, Consumer<BlockNode> dropped, BlockNode tip) {
        List<IndexRecord> changed = new ArrayList<>();
        n.setStatus(n.status() | BlockStatus.FAILED);
        dropped.accept(n);
        changed.add(n.toRecord());
        Deque<BlockNode> todo = new ArrayDeque<>(children(n));
        while (!todo.isEmpty()) {
            BlockNode d = todo.poll();
            d.setStatus(d.status() | BlockStatus.FAILED_PARENT);
            dropped.accept(d);
            changed.add(d.toRecord());
            todo.addAll(children(d));
        }
        if (bestHeader.isFailed()) {
            recalculateBestHeader(tip);
        }
        return changed;
    }

    /**
     * Bitcoin Core's reconsiderblock marks: clears the failure of {@code n}, its ancestors and its
     * descendants. Returns the changed index records.
     */
    List<IndexRecord> clearFailure(BlockNode n, BlockNode tip) {
        List<IndexRecord> changed = new ArrayList<>();
        int clear = ~(BlockStatus.FAILED | BlockStatus.FAILED_PARENT);
        for (BlockNode a = n; a != null; a = a.parent()) {
            if (a.isFailed()) {
                a.setStatus(a.status() & clear);
                changed.add(a.toRecord());
            }
        }
        Deque<BlockNode> todo = new ArrayDeque<>(children(n));
        while (!todo.isEmpty()) {
            BlockNode d = todo.poll();
            if (d.isFailed()) {
                d.setStatus(d.status() & clear);
                changed.add(d.toRecord());
            }
            todo.addAll(children(d));
        }
        recalculateBestHeader(tip);
        return changed;
    }

    /** Scans the whole tree for the best valid header: only on load and when the best one fails. */
    void recalculateBestHeader(BlockNode tip) {
        BlockNode best = tip;
        for (BlockNode n : nodes.values()) {
            if (!n.isFailed() && n.chainWork().compareTo(best.chainWork()) > 0) {
                best = n;
            }
        }
        bestHeader = best;
    }
}
