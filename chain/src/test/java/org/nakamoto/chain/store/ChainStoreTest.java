package org.nakamoto.chain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * The store's parts on a real LevelDB: the key layout of docs/storage.md byte for byte, connect and
 * disconnect as single batches, snapshots that hold one instant, and a closed store that refuses calls
 * instead of crashing the JVM.
 */
class ChainStoreTest {
    private static final NetworkParams PARAMS = TestNetworks.regtest();
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path tmp;

    private Block genesis;
    private Block block;
    private IndexRecord record;
    private OutPoint low;
    private OutPoint high;
    private Coin coin;

    @BeforeEach
    void blocks() {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        genesis = bb.genesis();
        block = bb.next(genesis);
        record = new IndexRecord(block.header(), 1, BigInteger.TWO, BlockStatus.HEADER_VALID | BlockStatus.HAVE_DATA);
        Hash256 txid = block.transactions().get(0).txid();
        low = new OutPoint(txid, 1);
        high = new OutPoint(txid, 258); // 0x00000102: big-endian in the key
        coin = new Coin(new TxOut(5_000, BlockBuilder.OP_TRUE), 1, true);
    }

    /** Stores genesis as tip, then {@link #block} with a body and connects it creating two coins. */
    private void storeAndConnect(ChainStore s) {
        s.setTip(genesis.hash());
        s.putBlock(block, record);
        UtxoCache changes = new UtxoCache(s.utxo());
        changes.add(low, coin);
        changes.add(high, coin);
        s.connect(record, changes, new BlockUndo(List.of()));
    }

    /** Every key and value in the database, hex, read below the record families. */
    private Map<String, String> rawContents(Path dir) {
        Map<String, String> all = new TreeMap<>();
        try (StoreDatabase db = StoreDatabase.open(dir, PARAMS)) {
            for (byte prefix : new byte[] {'B', 'C', 'H', 'M', 'U'}) {
                db.forEachWithPrefix(prefix, (k, v) -> all.put(HEX.formatHex(k), HEX.formatHex(v)));
            }
        }
        return all;
    }

    @Test
    void keysAndValuesAreLaidOutAsDocumented() {
        Path dir = tmp.resolve("s");
        try (ChainStore s = ChainStore.open(dir, PARAMS)) {
            storeAndConnect(s);
        }
        String hash = HEX.formatHex(block.hash().toBytes()); // internal order, not the display order
        String txid = HEX.formatHex(block.transactions().get(0).txid().toBytes());
        Map<String, String> raw = rawContents(dir);
        assertEquals(Map.of(
                "4d73", "00000001", // M s: schema 1, big-endian
                "4d67", HEX.formatHex(PARAMS.genesisHash().toBytes()), // M g
                "4d74", hash, // M t: the tip
                "48" + hash, HEX.formatHex(record.serialize()), // H: the connected record
                "42" + hash, HEX.formatHex(block.serialize()), // B: wire format
                "55" + hash, "00", // U: an empty undo, CompactSize 0
                "43" + txid + "00000001", HEX.formatHex(coin.serialize()),
                "43" + txid + "00000102", HEX.formatHex(coin.serialize())), raw);
    }

    @Test
    void disconnectRestoresTheParentInOneBatch() {
        try (ChainStore s = ChainStore.open(tmp.resolve("s"), PARAMS)) {
            storeAndConnect(s);
            assertNotNull(s.undo(block.hash()));
            UtxoCache changes = new UtxoCache(s.utxo());
            changes.spend(low);
            changes.spend(high);
            s.disconnect(block.hash(), genesis.hash(), changes);
            assertEquals(genesis.hash(), s.tip());
            assertNull(s.undo(block.hash()));
            assertNull(s.utxo().get(low));
            assertEquals(0, changes.changes().size(), "the writes cleared the cache");
            assertEquals(record, s.index(block.hash()), "the index record stays");
            assertEquals(block.hash(), s.block(block.hash()).hash(), "the body stays");
        }
    }

    @Test
    void aSnapshotHoldsItsInstantAndDigestsLikeAMemorySet() {
        try (ChainStore s = ChainStore.open(tmp.resolve("s"), PARAMS)) {
            s.setTip(genesis.hash());
            try (ChainStore.StoreSnapshot before = s.snapshot()) {
                storeAndConnect(s);
                assertEquals(genesis.hash(), before.tip());
                assertNull(before.get(low));
                assertEquals(0, before.utxoStats().coins());
                assertEquals(coin, s.utxo().get(low), "the live view sees the write");
            }
            try (ChainStore.StoreSnapshot after = s.snapshot()) {
                UtxoStats stats = after.utxoStats();
                assertEquals(2, stats.coins());
                assertEquals(10_000, stats.totalSatoshis());
                assertEquals(ChainStore.digestOf(Map.of(high, coin, low, coin)), stats.digest());
                List<OutPoint> order = new java.util.ArrayList<>();
                after.forEachCoin((op, c) -> order.add(op));
                assertEquals(List.of(low, high), order, "key order is (txid, index)");
            }
        }
    }

    @Test
    void aFailingBatchWritesNothing() {
        Path dir = tmp.resolve("s");
        try (StoreDatabase db = StoreDatabase.open(dir, PARAMS)) {
            byte[] key = {'X', 1};
            assertThrows(IllegalStateException.class, () -> db.write(b -> {
                b.put(key, new byte[] {1});
                throw new IllegalStateException("filling failed");
            }, true));
            assertNull(db.get(key));
        }
    }

    @Test
    void aClosedStoreRefusesCallsInsteadOfCrashing() {
        ChainStore s = ChainStore.open(tmp.resolve("s"), PARAMS);
        storeAndConnect(s);
        ChainStore.StoreSnapshot open = s.snapshot();
        s.close();
        assertThrows(StoreException.class, s::tip);
        assertThrows(StoreException.class, () -> s.block(block.hash()));
        assertThrows(StoreException.class, () -> s.utxo().get(low));
        assertThrows(StoreException.class, () -> s.forEachIndex(r -> { }));
        assertThrows(StoreException.class, () -> s.putBlock(block, record));
        assertThrows(StoreException.class, s::flush);
        assertThrows(StoreException.class, s::snapshot);
        assertThrows(StoreException.class, open::tip);
        assertDoesNotThrow(open::close, "the database released it already");
        assertDoesNotThrow(s::close, "close is idempotent");

        // unchecked: this store holds one block's records, not a chain the start-up check could walk
        try (ChainStore again = ChainStore.openUnchecked(tmp.resolve("s"), PARAMS)) {
            assertEquals(block.hash(), again.tip());
            assertArrayEquals(block.serialize(), again.blockBytes(block.hash()));
        }
    }
}
