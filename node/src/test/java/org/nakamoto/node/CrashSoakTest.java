package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.HeaderListAncestry;
import org.nakamoto.chain.blockfile.BlockFileWriter;
import org.nakamoto.chain.consensus.BlockConnector;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.store.IndexRecord;
import org.nakamoto.chain.store.StoreException;
import org.nakamoto.chain.store.TornLogTail;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * The crash soak, outside the suite: real {@code nakamotod} processes, an importing one and a
 * mining one, killed with SIGKILL at random moments (one kill in five uniformly within start-up, store
 * recovery included; the others uniformly within a window after the node has loaded its store), restarted
 * on the same data directory each round. After every kill the store must open; its tip must be a block
 * the node accepted (every block back to genesis stored and connected, the file's own blocks for the
 * import) and its UTXO set must equal an independent rebuild from the stored blocks. Then the harness does
 * what a starting node does (load the index, connect the best stored chain): the tip must reach at least
 * the work of the last tip the node reported, that block must be stored, and the store must again equal
 * the rebuild. The next round's node continues from there.
 *
 * <p>Run with {@code scripts/soak-crash.sh [rounds] [import|mine|both]}; figures go in
 * docs/robustness.md. A failing round's data directory is kept under {@code target/soak-failures}.
 */
@Tag("soak")
class CrashSoakTest {
    private static final NetworkParams PARAMS = TestNetworks.regtest();
    private static final int ROUNDS = Integer.getInteger("soak.rounds", 500);
    private static final String MODES = System.getProperty("soak.modes", "import,mine");
    private static final int IMPORT_BLOCKS = 600;
    private static final Pattern IMPORT_PROGRESS = Pattern.compile("height=(\\d+)");
    private static final Pattern NEW_TIP = Pattern.compile("new tip height=(\\d+) hash=([0-9a-f]{64})");
    /** Printed by both the node and the importer once the store is open and the block index loaded. */
    private static final String LOADED = "Loaded block index: tip height=";

    @TempDir
    Path tmp;

    /** What a run saw, printed at the end and asserted. */
    private static final class Tally {
        int rounds;
        int noStoreYet;
        int duringStartup;
        int tornTails;
        int unopenable;
        int inconsistent;
        int advanced;
        int restarts;
        long maxHeight;
        long totalMillis;
        final List<String> failures = new ArrayList<>();

        String summary(String mode) {
            return String.format(Locale.ROOT, "soak %s: %d rounds, %d unopenable stores, %d inconsistent, %d kills"
                            + " tore a log append, %d kills during start-up (%d before the store existed), %d of %d"
                            + " restarts advanced the tip, highest tip %d, %.1f s per round", mode, rounds, unopenable,
                    inconsistent, tornTails, duringStartup, noStoreYet, advanced, restarts, maxHeight,
                    totalMillis / 1000.0 / Math.max(1, rounds));
        }
    }

    /** An in-memory UTXO set rebuilt block by block from the stored bodies, kept across rounds. */
    private static final class Rebuild {
        final List<Hash256> chain = new ArrayList<>(List.of(PARAMS.genesisHash()));
        /** The headers of {@code chain}, for the median times relative lock-times count from. */
        final List<org.nakamoto.chain.model.BlockHeader> headers = new ArrayList<>(List.of(PARAMS.genesis().header()));
        MemoryUtxoSet utxo = new MemoryUtxoSet();
        final BlockConnector connector = new BlockConnector(PARAMS, ScriptInputVerifier.sequential());

        /** Brings the rebuild to {@code storedChain} (hashes by height) and returns its digest. */
        Hash256 digestAt(List<Hash256> storedChain, ChainStore store) throws Exception {
            int common = 0;
            while (common < chain.size() && common < storedChain.size() && chain.get(common).equals(storedChain.get(common))) {
                common++;
            }
            if (common < chain.size()) { // the store went elsewhere: rebuild from genesis
                chain.subList(1, chain.size()).clear();
                headers.subList(1, headers.size()).clear();
                utxo = new MemoryUtxoSet();
            }
            for (int h = chain.size(); h < storedChain.size(); h++) {
                Block b = store.block(storedChain.get(h));
                UtxoCache c = new UtxoCache(utxo);
                connector.connect(b, HeaderListAncestry.sharing(headers, h - 1), c);
                utxo.apply(c);
                chain.add(b.hash());
                headers.add(b.header());
            }
            return ChainStore.digestOf(utxo.snapshot());
        }
    }

    @Test
    void anImportingNodeKilledAtRandomAlwaysRestarts() throws Exception {
        assumeTrue(MODES.contains("import"));
        List<Block> blocks = paddedChain();
        Map<Hash256, Integer> fileHeights = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            fileHeights.put(blocks.get(i).hash(), i + 1);
        }
        Path file = tmp.resolve("blk00000.dat");
        try (BlockFileWriter w = new BlockFileWriter(file, PARAMS.magicBytes())) {
            for (Block b : blocks) {
                w.write(b);
            }
        }
        Path dataDir = tmp.resolve("import-node");
        List<String> args = List.of("--network", "regtest", "--datadir", dataDir.toString(), "import", file.toString());
        // a first, whole import learns how long one takes once the store is loaded
        Path firstLog = tmp.resolve("import-0.log");
        Process first = NodeProcess.launch(args, firstLog);
        awaitLine(first, firstLog, LOADED);
        long t0 = System.nanoTime();
        assertTrue(first.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, first.exitValue(), Files.readString(firstLog));
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("soak import: a whole import of " + IMPORT_BLOCKS + " blocks takes " + fullMillis + " ms");
        deleteTree(dataDir);
        soak("import", dataDir, args, fullMillis, IMPORT_PROGRESS, fileHeights);
    }

    @Test
    void aMiningNodeKilledAtRandomAlwaysRestarts() throws Exception {
        assumeTrue(MODES.contains("mine"));
        Path dataDir = tmp.resolve("mining-node");
        List<String> args = List.of("--network", "regtest", "--datadir", dataDir.toString(), "--mine",
                "--miner-threads", "1", "--port", "0", "--rpcport", "0");
        soak("mine", dataDir, args, 4_000, NEW_TIP, null);
    }

    /**
     * Runs the rounds: launch, kill at a random moment (one in five during start-up, the others within
     * {@code windowMillis} of the store being loaded), check.
     * {@code fileHeights} (import) names the blocks the store may hold; null for a mining node.
     */
    private void soak(String mode, Path dataDir, List<String> args, long windowMillis, Pattern progress,
            Map<Hash256, Integer> fileHeights) throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        System.out.println("soak " + mode + ": seed " + seed + " (-Dsoak.seed to repeat)");
        Random rnd = new Random(seed);
        Tally tally = new Tally();
        Rebuild rebuild = new Rebuild();
        Path chainDir = dataDir.resolve("chain");
        int lastStoredHeight = -1;
        long startupMillis = 2_000; // until the first round measures it
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            Path log = tmp.resolve(mode + ".log");
            Process p = NodeProcess.launch(args, log);
            if (rnd.nextInt(5) == 0) {
                // one kill in five during start-up: JVM start, store opening and recovery, index loading
                Thread.sleep(rnd.nextLong(startupMillis));
                tally.duringStartup++;
            } else {
                // the rest while the node works: uniformly within the window after its store is loaded
                awaitLine(p, log, LOADED);
                startupMillis = Math.max(100, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(rnd.nextLong(windowMillis));
            }
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String output = Files.readString(log);
            Reported reported = lastReported(output, progress);
            tally.rounds++;
            if (!Files.exists(chainDir.resolve("CURRENT"))) {
                tally.noStoreYet++;
                tally.totalMillis += (System.nanoTime() - start) / 1_000_000;
                continue;
            }
            if (TornLogTail.present(chainDir)) {
                tally.tornTails++;
            }
            String problem;
            int storedHeight = -1;
            try (ChainStore store = ChainStore.open(chainDir, PARAMS)) {
                problem = check(store, storedChain(store), fileHeights, rebuild);
                if (problem == null) {
                    problem = resume(store, reported, fileHeights, rebuild);
                }
                storedHeight = storedChain(store).size() - 1;
            } catch (StoreException e) {
                tally.unopenable++;
                problem = "unopenable: " + e.getMessage();
            }
            if (problem != null) {
                if (!problem.startsWith("unopenable")) {
                    tally.inconsistent++;
                }
                tally.failures.add("round " + round + ": " + problem);
                keepForInspection(dataDir, mode + "-round" + round, output);
                deleteTree(dataDir);
                rebuild = new Rebuild();
                lastStoredHeight = -1;
            } else {
                tally.maxHeight = Math.max(tally.maxHeight, storedHeight);
                if (lastStoredHeight >= 0) {
                    tally.restarts++;
                    if (storedHeight > lastStoredHeight) {
                        tally.advanced++;
                    }
                }
                lastStoredHeight = storedHeight;
                boolean finished = fileHeights != null ? storedHeight == IMPORT_BLOCKS : storedHeight >= 20_000;
                if (finished) { // start over, so that rounds keep landing in the middle of the work
                    deleteTree(dataDir);
                    rebuild = new Rebuild();
                    lastStoredHeight = -1;
                }
            }
            tally.totalMillis += (System.nanoTime() - start) / 1_000_000;
            if (round % 25 == 0) {
                System.out.println(tally.summary(mode) + " (so far)");
            }
        }
        System.out.println(tally.summary(mode));
        tally.failures.forEach(System.out::println);
        assertEquals(List.of(), tally.failures);
        carriesOn(mode, dataDir, args, progress, fileHeights, lastStoredHeight, rebuild);
    }

    /**
     * The last kill's store, restarted once more without a kill: the importer finishes the file, the
     * miner mines past where it was and stops cleanly; the store is then checked as after every round.
     */
    private void carriesOn(String mode, Path dataDir, List<String> args, Pattern progress,
            Map<Hash256, Integer> fileHeights, int storedHeight, Rebuild rebuild) throws Exception {
        Path log = tmp.resolve(mode + "-final.log");
        if (fileHeights != null) {
            assertEquals(0, NodeProcess.run(args, log, 600), Files.readString(log));
        } else {
            Process p = NodeProcess.launch(args, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lastReported(Files.readString(log), progress).height <= storedHeight + 10) {
                assertTrue(System.nanoTime() < deadline, "the restarted miner advanced: " + Files.readString(log));
                Thread.sleep(200);
            }
            p.destroy(); // SIGTERM: a clean stop
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        Reported reported = lastReported(Files.readString(log), progress);
        try (ChainStore store = ChainStore.open(dataDir.resolve("chain"), PARAMS)) {
            assertEquals(null, check(store, storedChain(store), fileHeights, rebuild));
            assertEquals(null, resume(store, reported, fileHeights, rebuild));
            List<Hash256> chain = storedChain(store);
            if (fileHeights != null) {
                assertEquals(IMPORT_BLOCKS, chain.size() - 1, "the import finished the file");
            }
            assertTrue(chain.size() - 1 > storedHeight, "advanced from " + storedHeight + " to " + (chain.size() - 1));
            System.out.println("soak " + mode + ": restarted after the last round, it went on from height "
                    + storedHeight + " to " + (chain.size() - 1) + " and stopped cleanly");
        }
    }

    /** Waits until the process has printed {@code line} (it dies only of our kill). */
    private static void awaitLine(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(log).contains(line)) {
            assertTrue(p.isAlive(), "the node exited before printing '" + line + "':\n" + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in 3 minutes:\n" + Files.readString(log));
            Thread.sleep(5);
        }
    }

    /** The last tip the node reported durable: (height, hash or null). */
    private record Reported(int height, Hash256 hash) {
    }

    private static Reported lastReported(String output, Pattern progress) {
        Matcher m = progress.matcher(output);
        Reported last = new Reported(-1, null);
        while (m.find()) {
            last = new Reported(Integer.parseInt(m.group(1)), m.groupCount() > 1 ? Hash256.fromHex(m.group(2)) : null);
        }
        return last;
    }

    /** The stored chain's hashes by height, genesis first, following the index from the tip back. */
    private static List<Hash256> storedChain(ChainStore store) {
        List<Hash256> chain = new ArrayList<>();
        Hash256 tip = store.tip();
        if (tip == null) {
            return List.of(PARAMS.genesisHash());
        }
        for (Hash256 h = tip; ; ) {
            chain.add(h);
            if (h.equals(PARAMS.genesisHash())) {
                break;
            }
            IndexRecord r = store.index(h);
            if (r == null) {
                throw new IllegalStateException("no index record for " + h + " on the stored chain");
            }
            h = r.header().prevHash();
        }
        java.util.Collections.reverse(chain);
        return chain;
    }

    /**
     * Null when the stored chain is consistent: every block on it stored and connected (the file's own
     * blocks, for an import) and the UTXO set equal to the rebuild's at its tip; else what is wrong.
     */
    private static String check(ChainStore store, List<Hash256> chain, Map<Hash256, Integer> fileHeights,
            Rebuild rebuild) throws Exception {
        int height = chain.size() - 1;
        for (int h = 1; h <= height; h++) {
            IndexRecord r = store.index(chain.get(h));
            if (r.height() != h || !connectedAndStored(store, r)) {
                return "block " + chain.get(h) + " at height " + h + " is on the stored chain but not stored and"
                        + " connected (status " + r.status() + ")";
            }
            if (fileHeights != null && !Integer.valueOf(h).equals(fileHeights.get(chain.get(h)))) {
                return "the stored chain holds " + chain.get(h) + " at height " + h + ", not the file's block";
            }
        }
        Hash256 stored;
        try (ChainStore.StoreSnapshot s = store.snapshot()) {
            stored = s.utxoStats().digest();
        }
        Hash256 rebuilt = rebuild.digestAt(chain, store);
        return stored.equals(rebuilt) ? null : "UTXO digest " + stored + " differs from the rebuild's " + rebuilt
                + " at height " + height;
    }

    private static boolean connectedAndStored(ChainStore store, IndexRecord r) {
        return (r.status() & BlockStatus.VALID) != 0 && (r.status() & BlockStatus.HAVE_DATA) != 0
                && store.blockBytes(r.header().hash()) != null;
    }

    /**
     * What the node does when it starts: loads the index and connects the best stored chain. A kill in the
     * middle of a reorganisation leaves the store on an intermediate tip (each block is its own batch, as
     * in Core), so the raw tip may be below the last one reported; after resuming, the tip must have at
     * least the reported tip's work, the reported block must still be stored and connected-once, and the
     * store must again be consistent.
     */
    private static String resume(ChainStore store, Reported reported, Map<Hash256, Integer> fileHeights,
            Rebuild rebuild) throws Exception {
        ChainState chain = ChainState.open(PARAMS, store, ScriptInputVerifier.sequential(),
                () -> System.currentTimeMillis() / 1000);
        if (reported.height >= 0) {
            Hash256 hash = reported.hash != null ? reported.hash : fileHashAt(fileHeights, reported.height);
            IndexRecord r = hash == null ? null : store.index(hash);
            if (r == null || !connectedAndStored(store, r)) {
                return "the reported tip " + hash + " at height " + reported.height + " is not stored as connected";
            }
            if (chain.tip().chainWork().compareTo(r.chainWork()) < 0) {
                return "after resuming, the tip " + chain.tip().hash() + " at height " + chain.tip().height()
                        + " has less work than the reported " + hash + " at height " + reported.height;
            }
        }
        String problem = check(store, storedChain(store), fileHeights, rebuild);
        return problem == null ? null : "after resuming: " + problem;
    }

    private static Hash256 fileHashAt(Map<Hash256, Integer> fileHeights, int height) {
        if (height == 0) {
            return PARAMS.genesisHash();
        }
        return fileHeights.entrySet().stream().filter(e -> e.getValue() == height).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** 600 regtest blocks; from height 101 each spends a matured coinbase into outputs and 0-100 KB of data. */
    private static List<Block> paddedChain() {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        Random sizes = new Random(1);
        List<Block> chain = new ArrayList<>();
        Block parent = bb.genesis();
        int maturity = PARAMS.coinbaseMaturity();
        for (int h = 1; h <= IMPORT_BLOCKS; h++) {
            List<Transaction> txs = new ArrayList<>();
            long fee = 0;
            if (h > maturity) {
                Transaction cb = chain.get(h - maturity - 1).transactions().get(0);
                byte[] data = new byte[1 + sizes.nextInt(100_000)];
                sizes.nextBytes(data);
                data[0] = 0x6a; // OP_RETURN
                Transaction split = BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 3, 300);
                txs.add(split.toBuilder().addOutput(0, Script.of(data)).build());
                fee = 300;
            }
            parent = bb.next(parent, 600, txs, fee);
            chain.add(parent);
        }
        return chain;
    }

    private static void keepForInspection(Path dataDir, String name, String output) throws IOException {
        Path keep = Path.of("target", "soak-failures", name);
        Files.createDirectories(keep);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = keep.resolve(dataDir.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Files.writeString(keep.resolve("process.log"), output);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
