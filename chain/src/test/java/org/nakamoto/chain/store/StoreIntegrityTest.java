package org.nakamoto.chain.store;

import static org.fusesource.leveldbjni.JniDBFactory.factory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.state.Reindexer;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/**
 * Damage done to a store while the node is down is refused at start with a message that names the file
 * and suggests --reindex, LevelDB never gets to replace or delete anything, and --reindex rebuilds the
 * same tip and UTXO set from the stored bodies (issue 17, item 5).
 */
class StoreIntegrityTest {
    static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 10);
    private static final int BLOCKS = 120;

    @TempDir
    static Path tmp;

    private static List<Block> chain;
    private static Path original;
    private static Hash256 tip;
    private static Hash256 digest;

    /** 120 blocks spending matured coinbases, each with 10-60 KB of OP_RETURN data: several table files. */
    @BeforeAll
    static void makeStore() {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        Random sizes = new Random(7);
        chain = new ArrayList<>();
        Block parent = bb.genesis();
        for (int h = 1; h <= BLOCKS; h++) {
            List<Transaction> txs = new ArrayList<>();
            long fee = 0;
            if (h > 10) {
                Transaction cb = chain.get(h - 11).transactions().get(0);
                byte[] data = new byte[10_000 + sizes.nextInt(50_000)];
                sizes.nextBytes(data);
                data[0] = 0x6a;
                Transaction split = BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 3, 300);
                txs.add(split.toBuilder().addOutput(0, Script.of(data)).build());
                fee = 300;
            }
            parent = bb.next(parent, 600, txs, fee);
            chain.add(parent);
        }
        original = tmp.resolve("original");
        try (TestChain n = new TestChain(original, PARAMS, TestVerifiers.real())) {
            n.acceptAll(chain);
            tip = n.tip();
            digest = n.utxoDigest();
        }
        ChainStore.open(original, PARAMS).close(); // reopening turns the log into a table
    }

    private static Path copy(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(original)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static List<Path> tables(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sst") || f.toString().endsWith(".ldb")).sorted().toList();
        }
    }

    /** What nakamotod --reindex does: open (repairing if needed), empty, accept every stored body again. */
    static Reindexer.Result reindex(Path dir) {
        try (ChainStore store = ChainStore.openForReindex(dir, PARAMS)) {
            List<BlockHeader> bodies = store.beginReindex();
            ChainState state = ChainState.open(PARAMS, store, TestVerifiers.real(), () -> TestChain.NOW);
            Reindexer.Result r = new Reindexer(state, p -> { }, 1000).run(bodies);
            store.finishReindex();
            return r;
        }
    }

    /** Edits the database directly, as damage would. */
    private static void damage(Path dir, java.util.function.Consumer<DB> edit) throws IOException {
        try (DB db = factory.open(dir.toFile(), new Options())) {
            edit.accept(db);
        }
    }

    @Test
    void aNewStoreIsMarkedAndAnOldOneAdopted() throws Exception {
        assertTrue(Files.isRegularFile(original.resolve(StoreMarker.NAME)));
        Path old = copy("premarker");
        Files.delete(old.resolve(StoreMarker.NAME));
        ChainStore.open(old, PARAMS).close();
        assertTrue(Files.isRegularFile(old.resolve(StoreMarker.NAME)), "a store from before the marker gets one");
    }

    @Test
    void currentDeletedIsRefusedNamingTheFileAndNothingIsTouched() throws Exception {
        Path dir = copy("nocurrent");
        assertFalse(tables(dir).isEmpty(), "the store has table files");
        Files.delete(dir.resolve("CURRENT"));
        Map<String, byte[]> before = contents(dir);
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(e.getMessage().contains(dir.resolve("CURRENT").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--reindex"), e.getMessage());
        Map<String, byte[]> after = contents(dir);
        assertEquals(before.keySet(), after.keySet(), "no file created or deleted");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " unchanged"));

        // Without the marker, the LevelDB data files alone are proof enough.
        Files.delete(dir.resolve(StoreMarker.NAME));
        StoreException unmarked = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(unmarked.getMessage().contains("CURRENT"), unmarked.getMessage());
        assertEquals(before.size() - 1, contents(dir).size());
    }

    @Test
    void reindexAfterCurrentDeletedRebuildsTheSameTipAndUtxoSet() throws Exception {
        Path dir = copy("nocurrent-reindex");
        Files.delete(dir.resolve("CURRENT"));
        Reindexer.Result r = reindex(dir);
        assertEquals(BLOCKS, r.accepted(), r.toString());
        try (TestChain n = new TestChain(dir, PARAMS, TestVerifiers.real())) {
            assertEquals(tip, n.tip());
            assertEquals(digest, n.utxoDigest());
        }
    }

    @Test
    void aTruncatedTableIsRefusedAtStartNamingItAndSuggestingReindex() throws Exception {
        Path dir = copy("truncated");
        Path table = tables(dir).get(0);
        long size = Files.size(table);
        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(e.getMessage().contains(table.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("--reindex"), e.getMessage());
        assertEquals(size / 2, Files.size(table), "left as it was");

        // --reindex: LevelDB's repair sets the damaged table aside, the rest is rebuilt consistently.
        Reindexer.Result r = reindex(dir);
        try (ChainStore s = ChainStore.open(dir, PARAMS, 0)) { // the full check passes
            assertTrue(s.checkReport().blocks() >= 1);
            assertEquals(r.tip(), s.tip());
        }
    }

    @Test
    void damageToTheIndexAndCoinsIsCaughtAndReindexRebuildsTheSameTipAndUtxoSet() throws Exception {
        Path dir = copy("coins");
        Block last = chain.get(BLOCKS - 1);
        damage(dir, db -> {
            db.delete(StoreLayout.coinKey(new OutPoint(last.transactions().get(0).txid(), 0))); // the tip's coinbase
            db.delete(StoreLayout.hashKey(StoreLayout.INDEX, chain.get(50).hash()));
            db.put(StoreLayout.hashKey(StoreLayout.INDEX, chain.get(60).hash()), new byte[] {1, 2, 3});
        });
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(e.getMessage().contains("UTXO set does not hold") && e.getMessage().contains("--reindex"),
                e.getMessage());

        Reindexer.Result r = reindex(dir);
        assertEquals(BLOCKS, r.accepted(), r.toString());
        try (TestChain n = new TestChain(dir, PARAMS, TestVerifiers.real())) {
            assertEquals(tip, n.tip());
            assertEquals(digest, n.utxoDigest());
        }
    }

    @Test
    void checkBlocksReachesDeeperThanTheDefault() throws Exception {
        Path dir = copy("undo");
        Hash256 deep = chain.get(40).hash();
        damage(dir, db -> db.delete(StoreLayout.hashKey(StoreLayout.UNDO, deep)));
        try (ChainStore s = ChainStore.open(dir, PARAMS)) { // the last 6 blocks are fine
            System.out.println("store check, default: " + s.checkReport());
        }
        try (ChainStore s = ChainStore.open(original, PARAMS, 0)) {
            System.out.println("store check, --checkblocks=0: " + s.checkReport());
        }
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS, 0));
        assertTrue(e.getMessage().contains("undo data of block " + deep) && e.getMessage().contains("--reindex"),
                e.getMessage());
        try (ChainStore s = ChainStore.open(dir, PARAMS, 70)) { // heights 120 down to 51
            assertEquals(70, s.checkReport().blocks());
        }
    }

    @Test
    void anInterruptedReindexIsNotOpenedAsIfComplete() throws Exception {
        Path dir = copy("interrupted");
        try (ChainStore store = ChainStore.openForReindex(dir, PARAMS)) {
            store.beginReindex(); // and then the node is killed
        }
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, PARAMS));
        assertTrue(e.getMessage().contains("--reindex"), e.getMessage());
        reindex(dir);
        try (TestChain n = new TestChain(dir, PARAMS, TestVerifiers.real())) {
            assertEquals(tip, n.tip());
            assertEquals(digest, n.utxoDigest());
        }
    }
}
