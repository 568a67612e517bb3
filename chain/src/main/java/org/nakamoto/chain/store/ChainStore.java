package org.nakamoto.chain.store;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;
import org.nakamoto.chain.utxo.UtxoView;

/**
 * The node's persistent state in one LevelDB database (layout in {@link StoreLayout} and
 * docs/storage.md): a thin facade over the database ({@link StoreDatabase}) and the record families
 * ({@link BlockIndexStore}, {@link BlockBodyStore}, {@link UndoStore}, {@link CoinStore}). Its own work
 * is deciding which records change together and how durably.
 *
 * <p>Crash safety: every change to the chain (a connect or a disconnect: UTXO changes, undo data and
 * the new tip) is one atomic WriteBatch, so the store is always on a tip with exactly that tip's UTXO
 * set. Block bodies and index records are written synchronously (fsync) before acceptance returns, so
 * nothing accepted is ever lost. Connect and disconnect batches are not fsynced on their own: LevelDB's
 * log is sequential, so after a power failure the store recovers a prefix of the batches (a consistent,
 * older tip) and reopening reconnects the rest from the synced bodies; a process crash loses nothing,
 * since the operating system still holds the writes. The next synchronous write syncs them anyway.
 *
 * <p>Threads: the reads ({@link StoreReader}) are safe from any thread. Only the chain writer calls the
 * mutating methods; chain state hands others the store as a {@link StoreReader}.
 */
public final class ChainStore implements StoreReader, Closeable {
    private final StoreDatabase db;
    private final BlockIndexStore index;
    private final BlockBodyStore bodies;
    private final UndoStore undos;
    private final CoinStore coins;
    /** Set by a bulk import whose source file already holds the bodies; read by the writer. */
    private volatile boolean deferBodySync;
    /** During a reindex: the blocks whose bodies are stored already, so accepting them again writes no body. */
    private volatile Set<Hash256> reindexBodies = Set.of();
    private StoreCheck.Report checked = new StoreCheck.Report(0, 0, 0, 0);

    private ChainStore(StoreDatabase db) {
        this.db = db;
        this.index = new BlockIndexStore(db);
        this.bodies = new BlockBodyStore(db);
        this.undos = new UndoStore(db);
        this.coins = new CoinStore(db);
    }

    /**
     * Opens (or creates) the store in {@code dir} for the network in {@code params}. Refuses a store of
     * another network or schema, a corrupt database, and one another process holds open. A log that a
     * crash tore in the middle of an append is cut back to its last complete record first (see
     * {@link TornLogTail}); damage anywhere else is refused.
     */
    public static ChainStore open(Path dir, NetworkParams params) {
        return open(dir, params, StoreCheck.DEFAULT_BLOCKS);
    }

    /**
     * Opens the store as {@link #open(Path, NetworkParams)} does, checking the last {@code checkBlocks}
     * blocks (0: all, and every coin) as described in {@link StoreCheck}; refuses a store whose check fails,
     * and one whose reindex was interrupted, with a message suggesting --reindex.
     */
    public static ChainStore open(Path dir, NetworkParams params, int checkBlocks) {
        if (checkBlocks < 0) {
            throw new IllegalArgumentException("checkBlocks must be 0 (all) or more, not " + checkBlocks);
        }
        int tables = TableFiles.count(dir);
        ChainStore s = new ChainStore(StoreDatabase.open(dir, params, false));
        try {
            if (s.db.get(StoreLayout.META_REINDEX) != null) {
                throw new StoreException("the block store in " + dir + " was being reindexed when the node stopped;"
                        + " restart with --reindex to finish rebuilding the block index and UTXO set");
            }
            s.checked = new StoreCheck(s.db, s.index, s.bodies, s.undos, s.coins).run(checkBlocks, tables);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Without the record check: for tests of the layout, whose stores hold records but no real chain. */
    static ChainStore openUnchecked(Path dir, NetworkParams params) {
        return new ChainStore(StoreDatabase.open(dir, params, false));
    }

    /**
     * Opens the store for {@code --reindex}: a directory the plain open refuses (no CURRENT, a damaged
     * table, corruption) is first given to LevelDB's repair (see {@link StoreOpener#openForReindex}); no
     * check runs, since the index and UTXO set are about to be rebuilt. Call {@link #beginReindex} next.
     */
    public static ChainStore openForReindex(Path dir, NetworkParams params) {
        return new ChainStore(StoreDatabase.open(dir, params, true));
    }

    /** What the check at open read (zeros for a store opened for reindex). */
    public StoreCheck.Report checkReport() {
        return checked;
    }

    // ---- reads

    @Override
    public Path directory() {
        return db.directory();
    }

    @Override
    public Hash256 tip() {
        return coins.tip();
    }

    @Override
    public IndexRecord index(Hash256 hash) {
        return index.get(hash);
    }

    @Override
    public void forEachIndex(Consumer<IndexRecord> action) {
        index.forEach(action);
    }

    @Override
    public Block block(Hash256 hash) {
        return bodies.get(hash);
    }

    @Override
    public byte[] blockBytes(Hash256 hash) {
        return bodies.bytes(hash);
    }

    @Override
    public BlockUndo undo(Hash256 hash) {
        return undos.get(hash);
    }

    @Override
    public UtxoView utxo() {
        return coins;
    }

    @Override
    public StoreSnapshot snapshot() {
        return new StoreSnapshot(db.snapshot());
    }

    // ---- writes: called by the chain writer only

    /**
     * While on, block bodies are written without their own fsync. Only for bulk imports whose source file
     * already holds every body (as Bitcoin Core's -loadblock does): a process crash still loses nothing,
     * and the importer calls {@link #flush()} periodically and at the end.
     */
    public void deferBodySync(boolean on) {
        deferBodySync = on;
        if (!on) {
            flush();
        }
    }

    /** Stores a block body with its index record; durable when this returns (unless bodies are deferred). */
    public void putBlock(Block block, IndexRecord record) {
        boolean bodyStored = reindexBodies.contains(block.hash());
        db.write(b -> {
            if (!bodyStored) {
                bodies.put(b, block);
            }
            index.put(b, record);
        }, !deferBodySync);
    }

    // ---- reindex: called by the reindexing writer only

    /**
     * Starts (or restarts) a reindex: marks it under way (synced, so that a node stopped in the middle
     * refuses a plain start), deletes every index record, undo record and coin and the tip, in batches,
     * and returns the header of every stored body. Bodies accepted again afterwards are not rewritten.
     */
    public List<BlockHeader> beginReindex() {
        db.write(b -> b.put(StoreLayout.META_REINDEX, new byte[0]), true);
        for (byte prefix : new byte[] {StoreLayout.INDEX, StoreLayout.UNDO, StoreLayout.COIN}) {
            deleteAll(prefix);
        }
        db.write(b -> b.delete(StoreLayout.META_TIP), true);
        List<BlockHeader> headers = new ArrayList<>();
        db.forEachWithPrefix(StoreLayout.BODY, (k, v) -> headers.add(db.parse(
                () -> BlockHeader.parse(Arrays.copyOf(v, 80)), "block body")));
        Set<Hash256> stored = new HashSet<>();
        headers.forEach(h -> stored.add(h.hash()));
        reindexBodies = stored;
        return headers;
    }

    /** Ends a reindex: syncs everything and clears the mark. */
    public void finishReindex() {
        reindexBodies = Set.of();
        db.write(b -> b.delete(StoreLayout.META_REINDEX), true);
    }

    /** Deletes every key with {@code prefix}, 10,000 to a batch (the iterator reads its own snapshot). */
    private void deleteAll(byte prefix) {
        List<byte[]> keys = new ArrayList<>();
        db.forEachWithPrefix(prefix, (k, v) -> {
            keys.add(k);
            if (keys.size() == 10_000) {
                db.write(b -> keys.forEach(b::delete), false);
                keys.clear();
            }
        });
        db.write(b -> keys.forEach(b::delete), false);
    }

    public void putIndex(IndexRecord record) {
        putIndexes(List.of(record));
    }

    /** Index records; synchronous unless a bulk import deferred syncs (its file holds the headers too). */
    public void putIndexes(Collection<IndexRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        db.write(b -> records.forEach(r -> index.put(b, r)), !deferBodySync);
    }

    /**
     * Connects a block in one atomic batch: its UTXO changes, its undo data, its index status and the
     * new tip. Clears {@code changes}.
     */
    public void connect(IndexRecord block, UtxoCache changes, BlockUndo undo) {
        Hash256 hash = block.header().hash();
        db.write(b -> {
            coins.apply(b, changes);
            undos.put(b, hash, undo);
            index.put(b, block);
            coins.putTip(b, hash);
        }, false);
        changes.clear();
    }

    /** Disconnects the tip in one atomic batch: the restored UTXO changes and the new (parent) tip. */
    public void disconnect(Hash256 blockHash, Hash256 newTip, UtxoCache changes) {
        db.write(b -> {
            coins.apply(b, changes);
            undos.delete(b, blockHash);
            coins.putTip(b, newTip);
        }, false);
        changes.clear();
    }

    /** Sets the tip without UTXO changes: used once, to record the genesis block as the starting tip. */
    public void setTip(Hash256 tip) {
        db.write(b -> coins.putTip(b, tip), true);
    }

    /** Forces everything written so far to disk (an empty synchronous batch syncs the log). */
    public void flush() {
        db.write(b -> { }, true);
    }

    /** Flushes and closes; later calls fail with StoreException. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    /**
     * The digest {@link StoreSnapshot#utxoStats()} would give for a UTXO set held elsewhere (in memory),
     * so a store can be compared with a from-scratch rebuild.
     */
    public static Hash256 digestOf(Map<OutPoint, Coin> coins) {
        return CoinStore.digestOf(coins);
    }

    /**
     * A read-only view of the UTXO set and its tip at one instant. Thread-safe; close it to release the
     * LevelDB snapshot.
     */
    public static final class StoreSnapshot implements UtxoView, Closeable {
        private final StoreDatabase.Snapshot snapshot;
        private final CoinStore coins;

        private StoreSnapshot(StoreDatabase.Snapshot snapshot) {
            this.snapshot = snapshot;
            this.coins = new CoinStore(snapshot);
        }

        @Override
        public Coin get(OutPoint op) {
            return coins.get(op);
        }

        public Hash256 tip() {
            return coins.tip();
        }

        /** Totals and a digest over the whole UTXO set (see {@link UtxoStats}). */
        public UtxoStats utxoStats() {
            return coins.stats();
        }

        /** Every unspent coin, in key order. */
        public void forEachCoin(BiConsumer<OutPoint, Coin> action) {
            coins.forEach(action);
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }
}
