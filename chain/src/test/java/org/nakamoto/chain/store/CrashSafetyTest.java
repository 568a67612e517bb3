package org.nakamoto.chain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
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
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Kills an importing JVM with SIGKILL at random moments and checks that the store it leaves behind
 * reopens on a block that was imported, with exactly the UTXO set a from-scratch rebuild gives at that
 * block, and that the node then continues from there.
 *
 * <p>Kills fall uniformly within the import itself (timed from the worker's "started" line in a first,
 * uninterrupted round), and the blocks carry 0 to 100 KB of OP_RETURN data, so that more of the import is
 * spent appending multi-fragment records to LevelDB's log: on a loaded 2-core Xeon about 5% of kills (60 of
 * 1,170 in 30 runs) landed in the middle of an append and left a torn log tail, and 27 of those 30 runs had
 * at least one (see {@link TornLogTail}; {@link TornLogTailTest} visits those moments deterministically).
 * {@code -Dcrash.rounds=N} runs more rounds, {@code -Dcrash.seed=S} repeats a run's kill schedule (the
 * test prints it), {@code -Dcrash.blocks} and {@code -Dcrash.padding} change the chain.
 */
class CrashSafetyTest {
    static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 10);
    private static final int BLOCKS = Integer.getInteger("crash.blocks", 500);
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 40);
    private static final int MAX_PADDING = Integer.getInteger("crash.padding", 100_000);

    @TempDir
    static Path tmp;

    private static Path file;
    private static List<Block> chain;
    private static final Map<Hash256, Integer> heights = new HashMap<>();

    @BeforeAll
    static void makeChain() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        Random sizes = new Random(1);
        chain = new ArrayList<>();
        Block parent = bb.genesis();
        for (int h = 1; h <= BLOCKS; h++) {
            List<Transaction> txs = new ArrayList<>();
            long fee = 0;
            if (h > 10) {
                // spend a matured coinbase into three outputs and some data, and one of those outputs from
                // 5 blocks back into two
                Transaction cb = chain.get(h - 11).transactions().get(0);
                Transaction split = BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 3, 300);
                txs.add(split.toBuilder().addOutput(0, padding(sizes)).build());
                fee += 300;
                if (h > 16) {
                    Transaction older = chain.get(h - 6).transactions().get(1);
                    txs.add(BlockBuilder.spend(List.of(new OutPoint(older.txid(), 1)), older.outputs().get(1).value(), 2, 200));
                    fee += 200;
                }
            }
            parent = bb.next(parent, 600, txs, fee);
            chain.add(parent);
            heights.put(parent.hash(), h);
        }
        heights.put(PARAMS.genesisHash(), 0);
        file = tmp.resolve("blk00000.dat");
        try (BlockFileWriter w = new BlockFileWriter(file, PARAMS.magicBytes())) {
            for (Block b : chain) {
                w.write(b);
            }
        }
    }

    /** An unspendable output script of 1 to {@link #MAX_PADDING} bytes: OP_RETURN and filler. */
    private static Script padding(Random sizes) {
        byte[] data = new byte[1 + sizes.nextInt(MAX_PADDING)];
        sizes.nextBytes(data);
        data[0] = 0x6a;
        return Script.of(data);
    }

    /** The UTXO digest of the chain up to {@code height}, built in memory from nothing. */
    private static Hash256 rebuiltDigest(int height) throws Exception {
        MemoryUtxoSet utxo = new MemoryUtxoSet();
        BlockConnector connector = new BlockConnector(PARAMS, ScriptInputVerifier.sequential());
        List<org.nakamoto.chain.model.BlockHeader> headers = new ArrayList<>(List.of(PARAMS.genesis().header()));
        chain.forEach(b -> headers.add(b.header()));
        for (int h = 1; h <= height; h++) {
            UtxoCache c = new UtxoCache(utxo);
            connector.connect(chain.get(h - 1), HeaderListAncestry.sharing(headers, h - 1), c);
            utxo.apply(c);
        }
        return ChainStore.digestOf(utxo.snapshot());
    }

    @Test
    void sigkillAtRandomMomentsNeverLeavesAnInconsistentStore() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("crash safety: kill schedule seed " + seed + " (-Dcrash.seed to repeat)");
        Random rnd = new Random(seed);
        long importMicros = 0;
        int atEnd = 0;
        int tornRounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = tmp.resolve("round" + round);
            Process p = new ProcessBuilder(javaBin(), "-cp", testClassPath(), CrashImportWorker.class.getName(),
                    dir.toString(), file.toString())
                    .redirectErrorStream(true)
                    .start();
            AtomicInteger lastReported = new AtomicInteger(-1);
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        output.add(line);
                        if (line.startsWith("tip ")) {
                            lastReported.set(Integer.parseInt(line.split(" ")[1]));
                        } else if (line.equals("started")) {
                            started.countDown();
                        }
                    }
                } catch (Exception ignored) {
                    // the process died: that is the point
                }
            });
            reader.start();
            assertTrue(started.await(2, TimeUnit.MINUTES), "worker started: " + output);
            long t0 = System.nanoTime();
            // The first round runs to the end to learn how long the import takes; later rounds are killed
            // at a uniformly random moment within that time.
            if (round == 0) {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), "import finished");
                importMicros = (System.nanoTime() - t0) / 1_000;
                reader.join();
                assertTrue(output.contains("done"), String.join("\n", output));
                assertEquals(BLOCKS, lastReported.get());
            } else {
                long delay = rnd.nextLong(Math.max(1, importMicros)) - (System.nanoTime() - t0) / 1_000;
                if (delay > 0) {
                    TimeUnit.MICROSECONDS.sleep(delay);
                }
                p.destroyForcibly(); // SIGKILL on Unix
                p.waitFor();
                reader.join();
            }
            int reported = lastReported.get();
            if (reported == BLOCKS) {
                atEnd++;
            }

            if (java.nio.file.Files.isDirectory(dir) && TornLogTail.present(dir)) {
                tornRounds++;
            }
            // 1. The raw store: its tip is an imported block, at least the last one reported durable,
            //    and its UTXO set is exactly the rebuild's at that tip.
            int storedHeight;
            try (ChainStore store = ChainStore.open(dir, PARAMS)) {
                Hash256 tip = store.tip();
                if (tip == null) {
                    assertTrue(reported <= 0, "round " + round + ": reported " + reported + " but nothing stored");
                    continue;
                }
                Integer h = heights.get(tip);
                assertNotNull(h, "round " + round + ": the stored tip " + tip + " is not a block of the file");
                storedHeight = h;
                assertTrue(storedHeight >= reported, "round " + round + ": stored tip " + storedHeight
                        + " is behind the reported " + reported);
                Hash256 digest;
                try (ChainStore.StoreSnapshot s = store.snapshot()) {
                    digest = s.utxoStats().digest();
                }
                assertEquals(rebuiltDigest(storedHeight), digest, "round " + round + " at height " + storedHeight);
            }
            // 2. The node reopens (connecting any block stored but not yet connected) and carries on.
            try (TestChain n = new TestChain(dir, PARAMS, TestVerifiers.real())) {
                assertTrue(n.height() >= storedHeight);
                assertEquals(n.height() == 0 ? PARAMS.genesisHash() : chain.get(n.height() - 1).hash(), n.tip(),
                        "reopened on the file's chain");
                int until = Math.min(BLOCKS, n.height() + 5);
                for (Block b : chain.subList(n.height(), until)) {
                    assertEquals(ChainState.Acceptance.ACCEPTED, n.accept(b));
                }
                assertEquals(until, n.height());
            }
        }
        assertTrue(atEnd < ROUNDS, "at least one round was killed before the end");
        System.out.printf("crash safety: %d rounds, import of %d blocks took %d ms, %d rounds ended at the tip,"
                + " %d kills tore a log append%n", ROUNDS, BLOCKS, importMicros / 1_000, atEnd, tornRounds);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
