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
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** Events after the write: one ordered channel, delivered outside the chain's lock, mempool first. */
class ChainEventsTest {
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
            Mempool pool = new Mempool(n.chain, TestVerifiers.real(), MempoolPolicy.DEFAULT, () -> 1_700_000_000L);
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
            // branch's first block wins the tie with the confirming block (lower hash), the task switches
            // to it before the orphan follows; otherwise it switches once, to the orphan.
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
            boolean firstWinsTie = fork.get(0).hash().compareTo(confirming.hash()) < 0;
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
}
