package org.nakamoto.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** The one writer: futures, rejections as values, and many submitters racing readers of the view. */
class ChainWriterTest {
    private static final NetworkParams REGTEST = TestNetworks.regtest();

    @TempDir
    Path tmp;

    @Test
    void aRejectedBlockFailsItsFutureWithTheChainsReason() throws Exception {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        Block greedy = bb.next(bb.genesis(), 600, List.of(), 1); // coinbase claims one satoshi too much
        try (ChainStore store = ChainStore.open(tmp.resolve("n"), REGTEST);
                ChainWriter w = ChainWriter.open(REGTEST, store, TestVerifiers.real(), () -> TestChain.NOW)) {
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> w.acceptBlock(greedy).join());
            assertEquals(RejectReason.BAD_COINBASE_AMOUNT, assertInstanceOf(ValidationException.class, e.getCause()).reason());
            assertTrue(w.view().node(greedy.hash()).isFailed());
            assertEquals(0, w.view().tip().height());
        }
    }

    /**
     * Eight threads submit the blocks of two competing branches in shuffled orders (duplicates, orphans
     * and a reorganisation included) while four readers check every view they take: the tip is the top
     * of the active chain, every active block's parent is the active block below it, and the best header
     * never has less work than the tip. At the end the heavier branch wins, every future completed, and
     * each tip-changed event was delivered in the order the writer made the changes.
     */
    @Test
    void manySubmittersAndReadersSeeOneConsistentWriter() throws Exception {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        List<Block> a = bb.chain(bb.genesis(), 60, 600);
        List<Block> b = bb.chain(a.get(9), 70, 601);
        List<Block> all = new ArrayList<>(a);
        all.addAll(b);
        try (ChainStore store = ChainStore.open(tmp.resolve("n"), REGTEST);
                ChainWriter w = ChainWriter.open(REGTEST, store, TestVerifiers.real(), () -> TestChain.NOW)) {
            ChainView view = w.view();
            ChainState state = w.submit(c -> c).get(); // only to check which lock is held below
            List<Integer> tipHeights = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<String> eventFailure = new AtomicReference<>();
            view.events().subscribe(e -> {
                if (e instanceof ChainEvent.TipChanged t) {
                    if (Thread.holdsLock(state)) {
                        eventFailure.set("delivered inside the chain's lock");
                    }
                    tipHeights.add(t.tip().height());
                }
            });
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> readerFailure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                Thread t = new Thread(() -> {
                    while (!done.get()) {
                        ActiveChain ac = view.activeChain();
                        BlockNode tip = ac.tip();
                        for (int h = tip.height(); h > 0; h--) {
                            if (ac.at(h).parent() != ac.at(h - 1)) {
                                readerFailure.set("active chain broken at " + h);
                            }
                        }
                        if (tip.ancestor(0) != ac.at(0)) {
                            readerFailure.set("tip does not descend from genesis");
                        }
                        // Two reads, tip first: the tip only gains work here, so a best header read
                        // after it can never have less (read the other way round, the tip may move between).
                        BlockNode tipNow = view.tip();
                        if (view.bestHeader().chainWork().compareTo(tipNow.chainWork()) < 0) {
                            readerFailure.set("best header behind the tip");
                        }
                        BlockNode n = view.node(tip.hash());
                        if (n != tip) {
                            readerFailure.set("tip not in the block index");
                        }
                    }
                });
                t.start();
                readers.add(t);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ChainState.Acceptance>> futures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> submitters = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                List<Block> order = new ArrayList<>(all);
                Collections.shuffle(order, new java.util.Random(s));
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (Block blk : order) {
                        futures.add(w.acceptBlock(blk));
                    }
                });
                t.start();
                submitters.add(t);
            }
            start.countDown();
            for (Thread t : submitters) {
                t.join();
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(5, TimeUnit.MINUTES);
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertEquals(8 * all.size(), futures.size());
            assertEquals(null, readerFailure.get());
            assertEquals(null, eventFailure.get());
            Hash256 expected = b.get(69).hash();
            assertEquals(expected, view.tip().hash());
            assertEquals(80, view.tip().height());
            assertSame(view.tip(), view.bestHeader());
            assertEquals(0, view.orphanCount());
            assertNotEquals(0, tipHeights.size());
            assertEquals(80, (int) tipHeights.get(tipHeights.size() - 1), "the last tip heard is the final tip");
        }
    }

    @Test
    void onlyTheWriterThreadMayChangeTheState() throws Exception {
        BlockBuilder bb = new BlockBuilder(REGTEST);
        Block b1 = bb.next(bb.genesis());
        try (ChainStore store = ChainStore.open(tmp.resolve("n"), REGTEST);
                ChainWriter w = ChainWriter.open(REGTEST, store, TestVerifiers.real(), () -> TestChain.NOW)) {
            ChainState leaked = w.submit(c -> c).get(); // a reference smuggled out of a task
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> leaked.acceptBlock(b1));
            assertTrue(e.getMessage().contains("writer thread"), e.getMessage());
            assertEquals(0, w.view().tip().height(), "the refused call changed nothing");
            assertEquals(ChainState.Acceptance.ACCEPTED, w.acceptBlock(b1).get());
            assertEquals(b1.hash(), w.view().tip().hash());
        }
    }
}
