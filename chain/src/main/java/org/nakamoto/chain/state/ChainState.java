package org.nakamoto.chain.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.BlockChecks;
import org.nakamoto.chain.consensus.BlockConnector;
import org.nakamoto.chain.consensus.HeaderChainValidator;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.store.IndexRecord;
import org.nakamoto.chain.store.StoreException;
import org.nakamoto.chain.store.StoreReader;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * The block tree, fork choice and the active chain over a {@link ChainStore}.
 *
 * <p>Concurrency: one writer, the thread that opened the state ({@link ChainWriter}'s); every mutator
 * checks it ({@link #checkWriter}) and runs its change in the monitor of this object. Readers never lock:
 * they read the volatile {@link #activeChain()} snapshot, look nodes up in the {@link BlockTree}'s
 * concurrent map, and read the store, which LevelDB makes safe.
 *
 * <p>Size: about 550 lines, above the project's 400, because connecting, disconnecting, fork choice,
 * invalidation and the orphan hand-over are one state machine over the same fields (the active chain,
 * the candidates, the notified tip); the header tree ({@link BlockTree}) and the candidate set
 * ({@link TipCandidates}) live apart.
 *
 * <p>Events: a task brings the attached mempool up to date by direct calls ({@link MempoolUpdates}),
 * queues its events on {@link #events()} in the order things happened, and delivers them after leaving
 * the monitor. Subscribers therefore never run inside the chain's lock, and always see a mempool that
 * already reflects the block they hear of.
 *
 * <p>Fork choice: among blocks whose whole branch is stored and not known invalid, the one with the
 * most cumulative work; at equal work the network's {@link org.nakamoto.chain.params.TieBreak} decides
 * (Bitcoin's first-seen, or the local testnet's lowest hash; {@link BlockNode#tipOrder}). A block that fails
 * while being connected is marked failed with all its descendants, and the choice is made again.
 */
public final class ChainState {
    /** Orphan pool bounds: enough for a burst of out-of-order blocks, small enough to ignore spam. */
    static final int MAX_ORPHANS = 256;
    static final long MAX_ORPHAN_BYTES = 32L << 20;

    private final NetworkParams params;
    private final ChainStore store;
    private final HeaderChainValidator headerRules;
    private final BlockConnector connector;
    /** The one thread allowed to call a mutator: the thread that opened this state (the chain writer). */
    private final Thread writer;

    /** Every known header: written by the writer, read by anyone (see {@link BlockTree}). */
    private final BlockTree tree;
    /** Writer-only: the blocks that could become the tip. */
    private final TipCandidates candidates;
    /** Writer-only: blocks whose parent is unknown (submitblock, or blocks handed over out of order). */
    private final OrphanBlocks orphans = new OrphanBlocks(MAX_ORPHANS, MAX_ORPHAN_BYTES);
    private final ChainEvents events = new ChainEvents();
    private final ChainView view = new ChainView(this);
    /** Writer-only (set in the monitor): the mempool the writer updates, or null. */
    private MempoolUpdates mempool;

    private volatile ActiveChain active;
    /** Writer-only: false after a disconnect, until the active chain's array has been copied. */
    private boolean activeArrayShared = true;
    /** Writer-only: the tip subscribers last heard of, and whether blocks were disconnected since. */
    private BlockNode notifiedTip;
    private boolean disconnectedSinceNotify;
    /** Writer-only: the last block read for connection, to avoid reading back what was just stored. */
    private Block recentBlock;

    private ChainState(NetworkParams params, ChainStore store, InputVerifier scripts, LongSupplier adjustedNow) {
        this.params = params;
        this.store = store;
        this.headerRules = new HeaderChainValidator(params, adjustedNow);
        this.tree = new BlockTree(headerRules);
        this.candidates = new TipCandidates(tree, params.tieBreak());
        this.connector = new BlockConnector(params, scripts);
        this.writer = Thread.currentThread();
    }

    /**
     * Loads the block tree from the store (writing the genesis block into an empty one) and continues
     * on the stored tip; then connects any stored block that makes a better chain. The calling thread
     * becomes the state's only writer: {@link ChainWriter#open} calls this on its thread; a tool or test
     * that opens the state directly writes from its own.
     */
    public static ChainState open(NetworkParams params, ChainStore store, InputVerifier scripts, LongSupplier adjustedNow) {
        ChainState s = new ChainState(params, store, scripts, adjustedNow);
        synchronized (s) {
            s.load();
        }
        s.events.deliver(); // to nobody: what loading did is history, not news for later subscribers
        return s;
    }

    private void load() {
        Hash256 tipHash = store.tip();
        if (tipHash == null) {
            Block genesis = params.genesis();
            store.putBlock(genesis, BlockTree.genesisNode(genesis.header()).toRecord());
            store.setTip(genesis.hash());
            tipHash = genesis.hash();
        }
        List<IndexRecord> records = new ArrayList<>();
        store.forEachIndex(records::add);
        tree.load(records, params);
        BlockNode tip = tree.node(tipHash);
        if (tip == null) {
            throw new StoreException("the block store is corrupt: its tip " + tipHash + " is not in the block index");
        }
        active = ActiveChain.ending(tip);
        candidates.loaded(active);
        notifiedTip = tip;
        tree.recalculateBestHeader(tip);
        rebuildCandidates();
        activateBestChain(null);
    }

    // ---- readers (any thread)

    public NetworkParams params() {
        return params;
    }

    public ActiveChain activeChain() {
        return active;
    }

    public BlockNode tip() {
        return active.tip();
    }

    public BlockNode node(Hash256 hash) {
        return tree.node(hash);
    }

    /**
     * The best valid header known: the header with the most work that is not known invalid, first seen
     * winning a tie (as Core's m_best_header). Never behind the tip. Initial block download runs while
     * the tip is well behind it.
     */
    public BlockNode bestHeader() {
        BlockNode best = tree.bestHeader();
        BlockNode tip = active.tip();
        return tip.chainWork().compareTo(best.chainWork()) > 0 ? tip : best;
    }

    public Collection<BlockNode> allNodes() {
        return tree.all();
    }

    /** The blocks no other known block builds on: Bitcoin Core's chain tips. */
    public List<BlockNode> leaves() {
        return tree.leaves();
    }

    /** The store, read-only: only this writer changes it. */
    public StoreReader store() {
        return store;
    }

    /** The stored body of a block, or null. */
    public Block block(Hash256 hash) {
        return store.block(hash);
    }

    /** Read-only access to this state, for code that must not write (the miner, RPC handlers, p2p). */
    public ChainView view() {
        return view;
    }

    /** The one channel for chain and mempool events. */
    public ChainEvents events() {
        return events;
    }

    /** Number of blocks waiting for a parent. */
    public synchronized int orphanCount() {
        return orphans.size();
    }

    /**
     * Throws unless called on this state's writer thread: the mempool calls it before changing, so that
     * its changes stay ordered with the chain's.
     */
    public void checkWriter() {
        if (Thread.currentThread() != writer) {
            throw new IllegalStateException("chain state is changed only on its writer thread (" + writer.getName()
                    + "), not on " + Thread.currentThread().getName());
        }
    }

    /** Where the attached mempool reports what enters and leaves it; see {@link #attachMempool}. */
    public interface TransactionSink {
        void added(Transaction tx, long fee);

        void removed(Transaction tx, ChainEvent.Why why);
    }

    /**
     * Creates the mempool this writer keeps current, giving it the sink through which it reports its
     * admissions and removals on the one event channel. Every connected or disconnected block and every
     * tip change is then handed to it by a direct call inside the task, before any event is published.
     * A report made during a chain mutation is delivered with that task's events; any other (a relayed
     * or submitted transaction) is delivered on the events thread, since the mempool reports it inside
     * its lock.
     */
    public <M extends MempoolUpdates> M attachMempool(java.util.function.Function<TransactionSink, M> create) {
        checkWriter();
        TransactionSink sink = new TransactionSink() {
            @Override
            public void added(Transaction tx, long fee) {
                publishFromMempool(new ChainEvent.TransactionAdded(tx, fee));
            }

            @Override
            public void removed(Transaction tx, ChainEvent.Why why) {
                publishFromMempool(new ChainEvent.TransactionRemoved(tx, why));
            }
        };
        M m = create.apply(sink);
        synchronized (this) {
            if (mempool != null) {
                throw new IllegalStateException("a mempool is already attached");
            }
            mempool = m;
        }
        return m;
    }

    private void publishFromMempool(ChainEvent e) {
        events.publish(e);
        if (!Thread.holdsLock(this)) {
            events.deliverLater();
        }
    }

    /**
     * For a bulk import whose source file holds every body: bodies are written without their own fsync
     * until this is turned off again (see {@link ChainStore#deferBodySync}).
     */
    public void deferBodySync(boolean on) {
        checkWriter();
        store.deferBodySync(on);
    }

    /** Forces everything stored so far to disk. */
    public void flushStore() {
        checkWriter();
        store.flush();
    }

    // ---- writer

    /** What became of a block handed to {@link #acceptBlock}. */
    public enum Acceptance {
        /** Stored and valid so far; the tip may or may not have moved to it. */
        ACCEPTED,
        /** Already stored. */
        DUPLICATE,
        /**
         * Its parent is unknown: kept in a small orphan pool and connected when the parent arrives (a
         * submitblock or an out-of-order hand-over; p2p fetches headers first and never relies on it).
         */
        ORPHAN
    }

    /** A change to chain state; {@code E} is what it may throw (ValidationException, or nothing checked). */
    @FunctionalInterface
    private interface Change<T, E extends Exception> {
        T apply() throws E;
    }

    /**
     * The one way a public mutator runs: on the writer thread only, the change under this monitor, then
     * the events it queued, delivered outside the lock (also when it failed, for what it did before failing).
     */
    private <T, E extends Exception> T write(Change<T, E> change) throws E {
        checkWriter();
        try {
            synchronized (this) {
                return change.apply();
            }
        } finally {
            events.deliver();
        }
    }

    /**
     * Validates a header in the context of its parent and adds it to the block tree.
     *
     * @throws ValidationException with {@link RejectReason#PREV_BLOCK_NOT_FOUND} when the parent is unknown
     */
    public BlockNode acceptHeader(BlockHeader header) throws ValidationException {
        return write(() -> acceptHeaderLocked(header));
    }

    private BlockNode acceptHeaderLocked(BlockHeader header) throws ValidationException {
        List<IndexRecord> added = new ArrayList<>(1);
        try {
            return tree.addHeader(header, added);
        } finally {
            store.putIndexes(added);
        }
    }

    /** Accepts a run of headers in order (as a headers message brings them); stops at the first invalid one. */
    public List<BlockNode> acceptHeaders(List<BlockHeader> headers) throws ValidationException {
        return write(() -> acceptHeadersLocked(headers));
    }

    private List<BlockNode> acceptHeadersLocked(List<BlockHeader> headers) throws ValidationException {
        List<BlockNode> out = new ArrayList<>(headers.size());
        List<IndexRecord> added = new ArrayList<>(headers.size());
        try {
            for (BlockHeader h : headers) {
                out.add(tree.addHeader(h, added));
            }
        } finally {
            store.putIndexes(added); // the valid prefix is kept even when a later header fails
        }
        return out;
    }

    /**
     * Validates and stores a block, then moves the tip to the best chain. Orphans waiting on it follow.
     *
     * @throws ValidationException when the block breaks a rule (then it and its descendants are marked
     *     invalid unless the failure could be the sender's fault alone, such as a mutated merkle tree)
     */
    public Acceptance acceptBlock(Block block) throws ValidationException {
        return write(() -> acceptBlockLocked(block));
    }

    private Acceptance acceptBlockLocked(Block block) throws ValidationException {
        Acceptance result = acceptOne(block);
        if (result == Acceptance.ACCEPTED) {
            Deque<Hash256> ready = new ArrayDeque<>();
            ready.add(block.hash());
            while (!ready.isEmpty()) {
                for (Block child : orphans.takeChildrenOf(ready.poll())) {
                    try {
                        if (acceptOne(child) == Acceptance.ACCEPTED) {
                            ready.add(child.hash());
                        }
                    } catch (ValidationException e) {
                        // The orphan's sender is long gone; the block is simply dropped (and marked, if invalid).
                    }
                }
            }
        }
        return result;
    }

    private Acceptance acceptOne(Block block) throws ValidationException {
        BlockNode known = tree.node(block.hash());
        if (known != null && known.hasData()) {
            return Acceptance.DUPLICATE;
        }
        if (known == null && !tree.contains(block.header().prevHash())) {
            headerRules.checkContextFree(block.header()); // no proof of work, no place in the pool
            orphans.add(block);
            return Acceptance.ORPHAN;
        }
        BlockNode n = known != null ? known : acceptHeaderLocked(block.header());
        if (n.isFailed()) {
            throw new ValidationException(RejectReason.DUPLICATE_BLOCK, "known invalid: " + block.hash());
        }
        try {
            BlockChecks.check(block, params);
            connector.checkContext(block, n.parent().ancestry());
        } catch (ValidationException e) {
            if (e.reason().category() != RejectReason.Category.MUTATED) {
                markFailed(n);
            }
            throw e;
        }
        n.setStatus(n.status() | BlockStatus.HAVE_DATA);
        store.putBlock(block, n.toRecord());
        recentBlock = block;
        addCandidates(n);
        ValidationException failure = activateBestChain(n);
        if (failure != null) {
            throw failure;
        }
        if (n.isFailed()) {
            // An ancestor failed when this block made its branch the best: this block is invalid too.
            throw new ValidationException(RejectReason.PREV_BLOCK_INVALID, "an ancestor of " + n.hash() + " is invalid");
        }
        return Acceptance.ACCEPTED;
    }

    /**
     * Connects the best candidate, reorganising if needed. Returns the failure of {@code submitted} if
     * that block turned out invalid while being connected, else null.
     */
    private ValidationException activateBestChain(BlockNode submitted) {
        ValidationException submittedFailure = null;
        while (true) {
            BlockNode best = candidates.best();
            if (best == null || candidates.order().compare(best, active.tip()) <= 0) {
                break;
            }
            BlockNode fork = active.findFork(best);
            while (active.tip() != fork) {
                disconnectTip();
            }
            List<BlockNode> path = new ArrayList<>();
            for (BlockNode n = best; n != fork; n = n.parent()) {
                path.add(n);
            }
            for (int i = path.size() - 1; i >= 0; i--) {
                BlockNode n = path.get(i);
                try {
                    connectTip(n);
                } catch (ValidationException e) {
                    markFailed(n);
                    if (n == submitted) {
                        submittedFailure = e;
                    }
                    break;
                }
            }
        }
        BlockNode tip = active.tip();
        candidates.dropWorseThan(tip);
        if (tip != notifiedTip || disconnectedSinceNotify) {
            boolean reorganised = disconnectedSinceNotify;
            notifiedTip = tip;
            disconnectedSinceNotify = false;
            if (mempool != null) {
                mempool.tipChanged(tip, reorganised);
            }
            events.publish(new ChainEvent.TipChanged(tip, reorganised));
        }
        return submittedFailure;
    }

    private void connectTip(BlockNode n) throws ValidationException {
        Block block = recentBlock != null && recentBlock.hash().equals(n.hash()) ? recentBlock : store.block(n.hash());
        if (block == null) {
            throw new StoreException("block " + n.hash() + " is indexed as stored but its body is missing");
        }
        UtxoCache cache = new UtxoCache(store.utxo());
        BlockUndo undo = connector.connect(block, n.parent().ancestry(), cache);
        n.setStatus(n.status() | BlockStatus.VALID);
        store.connect(n.toRecord(), cache, undo);
        active = active.extend(n, activeArrayShared);
        activeArrayShared = true;
        if (mempool != null) {
            mempool.blockConnected(block, n); // reports what the block confirmed or conflicts with
        }
        events.publish(new ChainEvent.BlockConnected(block, n));
    }

    private void disconnectTip() {
        BlockNode n = active.tip();
        Block block = store.block(n.hash());
        BlockUndo undo = store.undo(n.hash());
        if (block == null || undo == null) {
            throw new StoreException("cannot disconnect " + n.hash() + ": its body or undo data is missing");
        }
        UtxoCache cache = new UtxoCache(store.utxo());
        connector.disconnect(block, undo, cache);
        store.disconnect(n.hash(), n.parent().hash(), cache);
        active = active.withoutTip();
        activeArrayShared = false;
        disconnectedSinceNotify = true;
        if (mempool != null) {
            mempool.blockDisconnected(block, n);
        }
        events.publish(new ChainEvent.BlockDisconnected(block, n));
    }

    private void addCandidates(BlockNode n) {
        candidates.addReceived(n, active);
    }

    private void rebuildCandidates() {
        candidates.rebuild(active);
    }

    /** Marks {@code n} failed and its descendants failed-by-parent, in memory and in the store. */
    private void markFailed(BlockNode n) {
        store.putIndexes(tree.markFailed(n, candidates::remove, active.tip()));
    }

    /**
     * Bitcoin Core's invalidateblock: marks a block and its descendants invalid and moves to the best
     * remaining chain, disconnecting if the block is on the active chain.
     */
    public void invalidateBlock(Hash256 hash) {
        write(() -> {
            invalidateBlockLocked(hash);
            return null;
        });
    }

    private void invalidateBlockLocked(Hash256 hash) {
        BlockNode n = tree.node(hash);
        if (n == null) {
            throw new IllegalArgumentException("block not found: " + hash);
        }
        if (n.height() == 0) {
            throw new IllegalArgumentException("the genesis block cannot be invalidated");
        }
        while (active.contains(n)) {
            disconnectTip();
        }
        markFailed(n);
        rebuildCandidates();
        activateBestChain(null);
    }

    /** Bitcoin Core's reconsiderblock: clears the failure marks of a block, its ancestors and descendants. */
    public void reconsiderBlock(Hash256 hash) {
        write(() -> {
            reconsiderBlockLocked(hash);
            return null;
        });
    }

    private void reconsiderBlockLocked(Hash256 hash) {
        BlockNode n = tree.node(hash);
        if (n == null) {
            throw new IllegalArgumentException("block not found: " + hash);
        }
        store.putIndexes(tree.clearFailure(n, active.tip()));
        rebuildCandidates();
        activateBestChain(null);
    }
}
