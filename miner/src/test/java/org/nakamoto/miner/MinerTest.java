package org.nakamoto.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.MainnetBlocks;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

class MinerTest {
    /**
     * Core's -acceptnonstdtxn=1: these tests are about the pool's mechanics and pay to and spend bare
     * OP_TRUE outputs, which Core's Solver calls non-standard; the script flags stay the standard ones.
     */
    private static final MempoolPolicy STANDARDNESS_ASIDE = MempoolPolicy.DEFAULT.acceptNonStandard();

    private static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 5);

    @TempDir
    Path tmp;

    private static BlockSubmitter submitTo(TestChain n) {
        return b -> n.chain.acceptBlock(b);
    }

    @Test
    void everyMinedBlockPassesFullValidation() throws Exception {
        try (TestChain n = new TestChain(tmp.resolve("a"), PARAMS, TestVerifiers.real())) {
            BlockGenerator gen = new BlockGenerator(n.chain.view(), TxSource.EMPTY, submitTo(n), () -> 1_700_000_000L,
                    SearchSettings.withThreads(2));
            List<Hash256> hashes = gen.generate(12, BlockBuilder.OP_TRUE, 1_000_000);
            assertEquals(12, hashes.size());
            assertEquals(12, n.height());
            assertEquals(hashes.get(11), n.tip());
            for (Hash256 h : hashes) {
                assertTrue(BlockStatus.has(n.chain.node(h).status(), BlockStatus.VALID), "connected: every rule passed");
            }
        }
    }

    @Test
    void theTemplateOrdersParentsFirstAndTheCoinbaseTakesExactlySubsidyPlusFees() throws Exception {
        try (TestChain n = new TestChain(tmp.resolve("b"), PARAMS, TestVerifiers.real())) {
            BlockBuilder bb = new BlockBuilder(PARAMS);
            List<Block> base = bb.chain(bb.genesis(), 8, 600);
            n.acceptAll(base);
            Mempool pool = Mempool.attach(n.chain, TestVerifiers.real(), STANDARDNESS_ASIDE, () -> 1_700_000_000L);
            Transaction cb1 = base.get(0).transactions().get(0);
            Transaction cb2 = base.get(1).transactions().get(0);
            Transaction parent = BlockBuilder.spend(List.of(new OutPoint(cb1.txid(), 0)), cb1.outputs().get(0).value(), 2, 200);
            // the child pays a far higher fee rate than its parent: it must still come after it
            Transaction child = BlockBuilder.spend(List.of(new OutPoint(parent.txid(), 0)), parent.outputs().get(0).value(), 1, 90_000);
            Transaction other = BlockBuilder.spend(List.of(new OutPoint(cb2.txid(), 0)), cb2.outputs().get(0).value(), 1, 5_000);
            pool.accept(parent);
            pool.accept(child);
            pool.accept(other);

            BlockGenerator gen = new BlockGenerator(n.chain.view(), TxSource.of(pool.view()), submitTo(n), () -> 1_700_000_000L,
                    SearchSettings.withThreads(1));
            Hash256 mined = gen.generate(1, BlockBuilder.OP_TRUE, 1_000_000).get(0);
            Block b = n.chain.block(mined);
            List<Hash256> order = new ArrayList<>();
            b.transactions().forEach(t -> order.add(t.txid()));
            assertEquals(4, order.size());
            assertTrue(order.indexOf(parent.txid()) < order.indexOf(child.txid()), "parent before child");
            // by own fee rate: other (5000) before parent (200); the child (90000) waits for its parent
            assertEquals(List.of(other.txid(), parent.txid(), child.txid()), order.subList(1, 4));
            long fees = 200 + 90_000 + 5_000;
            assertEquals(PARAMS.subsidyAt(9) + fees, b.transactions().get(0).outputs().get(0).value());
            assertEquals(0, pool.size(), "connecting the block emptied the mempool");
        }
    }

    @Test
    void selectionLeavesOutWhatDoesNotFitAndTheDescendantsOfWhatWasLeftOut() {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        Block b1 = bb.next(bb.genesis());
        Transaction cb = b1.transactions().get(0);
        Transaction big = BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 40, 100_000);
        Transaction child = BlockBuilder.spend(List.of(new OutPoint(big.txid(), 0)), big.outputs().get(0).value(), 1, 100_000);
        var entries = List.of(new org.nakamoto.chain.mempool.MempoolEntry(big, 100_000, 0, 0, 1),
                new org.nakamoto.chain.mempool.MempoolEntry(child, 100_000, 1, 0, 1));
        List<Transaction> out = new ArrayList<>();
        long fees = TemplateBuilder.select(entries, big.weight() - 1, 80_000, out);
        assertEquals(List.of(), out);
        assertEquals(0, fees);
        fees = TemplateBuilder.select(entries, big.weight() + child.weight(), 80_000, out);
        assertEquals(List.of(big, child), out);
        assertEquals(200_000, fees);
    }

    @Test
    void selectionStaysWithinTheBlockSigOpLimit() {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        List<org.nakamoto.chain.mempool.MempoolEntry> entries = new ArrayList<>();
        byte[] multisigs = new byte[150]; // 150 CHECKMULTISIG: 3,000 legacy sigops each transaction
        java.util.Arrays.fill(multisigs, (byte) 0xae);
        Block parent = bb.genesis();
        for (int i = 0; i < 8; i++) {
            parent = bb.next(parent);
            Transaction cb = parent.transactions().get(0);
            Transaction heavy = new Transaction.Builder()
                    .addInput(new OutPoint(cb.txid(), 0), Script.EMPTY)
                    .addOutput(cb.outputs().get(0).value() - 10_000, Script.of(multisigs))
                    .build();
            entries.add(new org.nakamoto.chain.mempool.MempoolEntry(heavy, 10_000, i, 0, 1));
        }
        List<Transaction> out = new ArrayList<>();
        TemplateBuilder.select(entries, 4_000_000, 80_000 - TemplateBuilder.COINBASE_SIGOPS_RESERVE, out);
        assertEquals(6, out.size(), "six of 12,000 cost units fit under 79,600; a seventh would not");
    }

    @Test
    void extraNonceRollsOverWhenATinyNonceRangeIsExhausted() throws Exception {
        NetworkParams p = TestNetworks.retargeting(20, 10); // about 1024 hashes per block
        try (TestChain n = new TestChain(tmp.resolve("c"), p, TestVerifiers.real())) {
            TemplateBuilder tb = new TemplateBuilder(n.chain.view(), TxSource.EMPTY, () -> 1_700_000_000L);
            List<Long> extraNonces = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                BlockTemplate t = tb.build(BlockBuilder.OP_TRUE);
                TemplateRoller roller = new TemplateRoller(t, 0);
                java.util.concurrent.CompletableFuture<Solution> found = new java.util.concurrent.CompletableFuture<>();
                try (NonceSearcher s = new NonceSearcher(new SearchSettings(2, 64, 16), found::complete)) {
                    s.newJob(new MiningJob(roller.firstHeader(), Target.of(t.target()), roller));
                    Block block = roller.blockFor(found.get(60, java.util.concurrent.TimeUnit.SECONDS).blockHeader());
                    assertNotNull(block);
                    n.chain.acceptBlock(block);
                    extraNonces.add(extraNonceOf(block, t.height()));
                }
            }
            assertEquals(5, n.height(), "every block found after roll-overs was valid");
            assertTrue(extraNonces.stream().allMatch(x -> x > 0),
                    "each block needed more than one 64-nonce header: extra-nonces " + extraNonces);
        }
    }

    private static long extraNonceOf(Block b, int height) {
        byte[] sig = b.transactions().get(0).inputs().get(0).scriptSig().bytes();
        ByteReader r = new ByteReader(sig, CoinbaseHeight.encode(height).length + 1, 8);
        return r.readInt64LE();
    }

    /** Wraps the production kernel and remembers the previous-block hash of the header each worker loaded last. */
    private static final class WatchingKernels {
        final ConcurrentHashMap<Integer, Hash256> lastPrev = new ConcurrentHashMap<>();
        final AtomicInteger ids = new AtomicInteger();

        NonceKernel next() {
            int id = ids.getAndIncrement();
            NonceKernel real = NonceKernels.best();
            return new NonceKernel() {
                @Override
                public void load(byte[] header) {
                    lastPrev.put(id, BlockHeader.parse(header).prevHash());
                    real.load(header);
                }

                @Override
                public long search(long from, long to, Target target) {
                    return real.search(from, to, target);
                }

                @Override
                public String name() {
                    return "watching " + real.name();
                }
            };
        }
    }

    @Test
    void aTipChangeMovesEveryWorkerToTheNewTipWithin100Milliseconds() throws Exception {
        // Mainnet difficulty: the miner never finds a block here, so only the tip change moves it.
        NetworkParams mainnet = ParamsLoader.builtIn("mainnet");
        List<Block> real = MainnetBlocks.all();
        try (TestChain n = new TestChain(tmp.resolve("d"), mainnet, TestVerifiers.real())) {
            WatchingKernels kernels = new WatchingKernels();
            try (Miner miner = new Miner(n.chain.view(), TxSource.EMPTY, BlockBuilder.OP_TRUE, SearchSettings.withThreads(2),
                    submitTo(n), () -> 1_700_000_000L, Duration.ofSeconds(2), kernels::next)) {
                miner.start();
                long best = Long.MAX_VALUE;
                for (int h = 1; h <= 3; h++) {
                    Hash256 parent = real.get(h - 1).hash();
                    waitUntil(() -> allOn(kernels, parent), 10_000);
                    long t0 = System.nanoTime();
                    n.accept(real.get(h)); // a block from "the network"
                    Hash256 newTip = real.get(h).hash();
                    waitUntil(() -> allOn(kernels, newTip), 10_000);
                    best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
                }
                System.out.println("tip change to all workers on the new tip: best of 3 = " + best + " ms");
                assertTrue(best < 100, "workers moved to the new tip in " + best + " ms");
                assertEquals(0, miner.blocksFound());
            }
        }
    }

    private static boolean allOn(WatchingKernels k, Hash256 prev) {
        return k.lastPrev.size() == 2 && k.lastPrev.values().stream().allMatch(prev::equals);
    }

    private static void waitUntil(java.util.function.BooleanSupplier c, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met in " + millis + " ms");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void theMinerServiceMinesValidBlocksOnItsOwn() throws Exception {
        // The miner submits from its own thread, so through a chain writer, as the node wires it.
        try (ChainStore store = ChainStore.open(tmp.resolve("e"), PARAMS);
                ChainWriter writer = ChainWriter.open(PARAMS, store, TestVerifiers.real(), () -> TestChain.NOW)) {
            BlockSubmitter viaWriter = b -> {
                try {
                    writer.acceptBlock(b).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof org.nakamoto.chain.consensus.ValidationException ve) {
                        throw ve;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            try (Miner miner = new Miner(writer.view(), TxSource.EMPTY, BlockBuilder.OP_TRUE, SearchSettings.withThreads(2),
                    viaWriter, () -> System.currentTimeMillis() / 1000, Duration.ofMillis(200))) {
                miner.start();
                waitUntil(() -> writer.view().tip().height() >= 20, 30_000);
            }
            assertTrue(writer.view().tip().height() >= 20);
        }
    }
}
