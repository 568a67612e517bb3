package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.TieBreak;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** Events after the write: one ordered channel, delivered outside the chain's lock, mempool first. */
class ChainEventsTest {
    /**
     * Core's -acceptnonstdtxn=1: these tests are about the pool's mechanics and pay to and spend bare
     * OP_TRUE outputs, which Core's Solver calls non-standard; the script flags stay the standard ones.
     */
    private static final MempoolPolicy STANDARDNESS_ASIDE = MempoolPolicy.DEFAULT.acceptNonStandard();

    private static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 5);

    @TempDir
    Path tmp;

    private static Transaction spendCoinbase(Block b, long fee) {
        Transaction cb = b.transactions().get(0);
        return BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), 1, fee);
    }

    @Test
    void subscribersHearInOrderOutsideTheLockWithTheMempoolAlreadyCurrent() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        List<Block> base = bb.chain(bb.genesis(), 10, 600);
        try (TestChain n = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real())) {
            Mempool pool = Mempool.attach(n.chain, TestVerifiers.real(), STANDARDNESS_ASIDE, () -> 1_700_000_000L);
            n.acceptAll(base);
            List<ChainEvent> heard = Collections.synchronizedList(new ArrayList<>());
            List<String> violations = Collections.synchronizedList(new ArrayList<>());
            n.chain.events().subscribe(e -> {
                if (Thread.holdsLock(n.chain) || Thread.holdsLock(pool)) {
                    violations.add("lock held while delivering " + e);
                }
                if (e instanceof ChainEvent.BlockConnected c) {
                    for (Transaction tx : c.block().transactions()) {
                        if (pool.contains(tx.txid())) {
                            violations.add("mempool still holds " + tx.txid() + " of connected " + c.block().hash());
                        }
                    }
                }
                heard.add(e);
            });

            Transaction tx = spendCoinbase(base.get(0), 1000);
            pool.accept(tx);
            // Outside a writer task the mempool reports inside its own lock: delivery follows on the
            // events thread, never inside that lock.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, heard.size(), "an admission outside the writer is delivered");
            ChainEvent.TransactionAdded added = assertInstanceOf(ChainEvent.TransactionAdded.class, heard.get(0));
            assertEquals(tx.txid(), added.tx().txid());
            assertEquals(1000, added.fee());

            heard.clear();
            Block confirming = bb.next(base.get(9), 600, List.of(tx), 1000);
            n.accept(confirming);
            assertEquals(3, heard.size(), heard.toString());
            ChainEvent.TransactionRemoved removed = assertInstanceOf(ChainEvent.TransactionRemoved.class, heard.get(0));
            assertEquals(tx.txid(), removed.tx().txid());
            assertEquals(ChainEvent.Why.IN_BLOCK, removed.why());
            assertEquals(confirming.hash(), assertInstanceOf(ChainEvent.BlockConnected.class, heard.get(1)).block().hash());
            ChainEvent.TipChanged tip = assertInstanceOf(ChainEvent.TipChanged.class, heard.get(2));
            assertEquals(confirming.hash(), tip.tip().hash());
            assertFalse(tip.reorganised());

            // A heavier branch from block 10 without the transaction, its second block first (kept as an
            // orphan), so one task reorganises: the confirming block is disconnected, the branch connected,
            // the transaction re-admitted by the mempool inside the task, then the tip change. When the
            // branch's first block wins the tie with the confirming block (only under the lowest-hash rule,
            // and only with the lower hash: first-seen keeps the confirming block), the task switches to it
            // before the orphan follows; otherwise it switches once, to the orphan.
            heard.clear();
            List<Block> fork = bb.chain(base.get(9), 2, 601);
            assertEquals(ChainState.Acceptance.ORPHAN, n.accept(fork.get(1)));
            assertEquals(List.of(), heard);
            n.accept(fork.get(0));
            assertEquals(fork.get(1).hash(), n.tip());
            List<Class<?>> kinds = new ArrayList<>();
            for (ChainEvent e : heard) {
                kinds.add(e.getClass());
            }
            boolean firstWinsTie = PARAMS.tieBreak() == TieBreak.LOWEST_HASH
                    && fork.get(0).hash().compareTo(confirming.hash()) < 0;
            List<Class<?>> expected = firstWinsTie
                    ? List.of(ChainEvent.BlockDisconnected.class, ChainEvent.BlockConnected.class,
                            ChainEvent.TransactionAdded.class, ChainEvent.TipChanged.class,
                            ChainEvent.BlockConnected.class, ChainEvent.TipChanged.class)
                    : List.of(ChainEvent.BlockDisconnected.class, ChainEvent.BlockConnected.class,
                            ChainEvent.BlockConnected.class, ChainEvent.TransactionAdded.class,
                            ChainEvent.TipChanged.class);
            assertEquals(expected, kinds, heard.toString());
            assertEquals(confirming.hash(), ((ChainEvent.BlockDisconnected) heard.get(0)).block().hash());
            int reorgTip = firstWinsTie ? 3 : 4;
            assertTrue(((ChainEvent.TipChanged) heard.get(reorgTip)).reorganised());
            assertEquals(tx.txid(), ((ChainEvent.TransactionAdded) heard.get(reorgTip - 1)).tx().txid());
            assertEquals(fork.get(1).hash(), ((ChainEvent.TipChanged) heard.get(heard.size() - 1)).tip().hash());
            assertTrue(pool.contains(tx.txid()));
            assertEquals(List.of(), violations);
        }
    }

    /**
     * Many producers publish and deliver at once: every event reaches the subscriber exactly once, each
     * producer's events in its order, and the subscriber never runs on two threads at a time.
     */
    @Test
    void concurrentProducersAreDeliveredOnceInOrderAndNeverConcurrently() throws Exception {
        ChainEvents events = new ChainEvents();
        int threads = 8;
        int perThread = 20_000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        long[] lastSeen = new long[threads];
        java.util.Arrays.fill(lastSeen, -1);
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        events.subscribe(e -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            ChainEvent.TransactionAdded a = (ChainEvent.TransactionAdded) e;
            int producer = (int) (a.fee() >>> 32);
            long seq = a.fee() & 0xffffffffL;
            if (seq != lastSeen[producer] + 1) { // only ever touched by the one delivering thread
                outOfOrder.incrementAndGet();
            }
            lastSeen[producer] = seq;
            delivered.incrementAndGet();
            inside.decrementAndGet();
        });
        Transaction dummy = spendCoinbase(new BlockBuilder(PARAMS).next(new BlockBuilder(PARAMS).genesis()), 0);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long producer = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException ex) {
                    return;
                }
                for (long i = 0; i < perThread; i++) {
                    events.publish(new ChainEvent.TransactionAdded(dummy, producer << 32 | i));
                    if (i % 3 == 0) {
                        events.deliver();
                    }
                }
                events.deliver();
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertEquals(threads * perThread, delivered.get(), "every event delivered once, none stranded");
        assertEquals(0, overlaps.get(), "the subscriber ran on two threads at once");
        assertEquals(0, outOfOrder.get(), "a producer's events arrived out of order");
    }

    /** Every way a transaction leaves the pool is reported with Core's reason: block, conflict, size, reorg. */
    @Test
    void removalsAreReportedWithTheirReason() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        List<Block> base = bb.chain(bb.genesis(), 10, 600);
        try (TestChain n = new TestChain(tmp.resolve("r"), PARAMS, TestVerifiers.real())) {
            n.acceptAll(base);
            Transaction probe = spendCoinbase(base.get(3), 1000);
            long size = probe.size();
            // room for two transactions of this size
            Mempool pool = Mempool.attach(n.chain, TestVerifiers.real(),
                    new MempoolPolicy(1000, 2 * size + size / 2, 10, 100_000).acceptNonStandard(), () -> 1_700_000_000L);
            List<ChainEvent.TransactionRemoved> removed = Collections.synchronizedList(new ArrayList<>());
            n.chain.events().subscribe(e -> {
                if (e instanceof ChainEvent.TransactionRemoved r) {
                    removed.add(r);
                }
            });

            Transaction inPool = spendCoinbase(base.get(0), 1000);
            Transaction conflicting = spendCoinbase(base.get(1), 1000);
            pool.accept(inPool);
            pool.accept(conflicting);
            Transaction rich = spendCoinbase(base.get(2), 50_000);
            pool.accept(rich); // the pool holds two: the earliest of the cheap pair goes
            waitFor(() -> removed.size() == 1);
            assertEquals(List.of(ChainEvent.Why.SIZE_LIMIT), whys(removed));
            assertEquals(inPool.txid(), removed.get(0).tx().txid());

            removed.clear();
            // A block confirms rich and double-spends conflicting's input with another transaction.
            Transaction doubleSpend = spendCoinbase(base.get(1), 2000);
            Block confirming = bb.next(base.get(9), 600, List.of(rich, doubleSpend), 1000);
            n.accept(confirming);
            assertEquals(List.of(ChainEvent.Why.IN_BLOCK, ChainEvent.Why.CONFLICT), whys(removed));
            assertEquals(rich.txid(), removed.get(0).tx().txid());
            assertEquals(conflicting.txid(), removed.get(1).tx().txid());
            assertEquals(0, pool.view().size());

            // A pool transaction spending the coinbase of block 10 is dropped when a longer branch from
            // block 9 (without block 10) wins: its input no longer exists.
            Transaction spendsTen = spendCoinbase(base.get(9), 1000);
            // block 10's coinbase is immature on the old chain: grow the old chain first
            List<Block> grow = bb.chain(confirming, 4, 600);
            n.acceptAll(grow);
            pool.accept(spendsTen);
            removed.clear();
            List<Block> heavier = bb.chain(base.get(8), 7, 601);
            n.acceptAll(heavier);
            assertEquals(heavier.get(6).hash(), n.tip());
            assertTrue(whys(removed).contains(ChainEvent.Why.REORG), removed.toString());
            assertTrue(removed.stream().anyMatch(r -> r.tx().txid().equals(spendsTen.txid())), removed.toString());
        }
    }

    private static List<ChainEvent.Why> whys(List<ChainEvent.TransactionRemoved> removed) {
        synchronized (removed) {
            return removed.stream().map(ChainEvent.TransactionRemoved::why).toList();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 10 s");
    }
}
