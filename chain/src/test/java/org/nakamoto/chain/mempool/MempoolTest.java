package org.nakamoto.chain.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

class MempoolTest {
    /**
     * Core's -acceptnonstdtxn=1: these tests are about the pool's mechanics and pay to and spend bare
     * OP_TRUE outputs, which Core's Solver calls non-standard; the script flags stay the standard ones.
     */
    private static final MempoolPolicy STANDARDNESS_ASIDE = MempoolPolicy.DEFAULT.acceptNonStandard();

    private static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 5);

    @TempDir
    Path tmp;

    private TestChain node;
    private Mempool pool;
    private BlockBuilder bb;
    private List<Block> chain;

    @BeforeEach
    void setUp() {
        node = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real());
        pool = Mempool.attach(node.chain, TestVerifiers.real(), STANDARDNESS_ASIDE, () -> 1_700_000_000L);
        bb = new BlockBuilder(PARAMS);
        chain = new ArrayList<>(bb.chain(bb.genesis(), 10, 600)); // coinbases of 1..5 are mature for block 11
        node.acceptAll(chain);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private OutPoint coinbaseOf(int height) {
        return new OutPoint(chain.get(height - 1).transactions().get(0).txid(), 0);
    }

    private long coinbaseValue(int height) {
        return chain.get(height - 1).transactions().get(0).outputs().get(0).value();
    }

    private Transaction spendCoinbase(int height, int outputs, long fee) {
        return BlockBuilder.spend(List.of(coinbaseOf(height)), coinbaseValue(height), outputs, fee);
    }

    private static RejectReason reason(ThrowingRunnable r) {
        return assertThrows(ValidationException.class, r::run).reason();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aDoubleSpendOfAMempoolOutputIsRejected() throws Exception {
        Transaction first = spendCoinbase(1, 2, 1000);
        Transaction second = spendCoinbase(1, 3, 2000);
        pool.accept(first);
        assertEquals(RejectReason.TX_MEMPOOL_CONFLICT, reason(() -> pool.accept(second)));
        assertTrue(pool.contains(first.txid()));
        assertFalse(pool.contains(second.txid()));
        assertEquals(RejectReason.TX_ALREADY_KNOWN, reason(() -> pool.accept(first)));
    }

    @Test
    void aDoubleSpendOfAConfirmedSpentOutputIsRejected() throws Exception {
        Transaction spend = spendCoinbase(2, 1, 1000);
        Block b = bb.next(chain.get(9), 600, List.of(spend), 1000);
        node.accept(b);
        Transaction again = spendCoinbase(2, 2, 5000);
        // The output no longer exists: Core calls that missing inputs and keeps it as an orphan, never in the pool.
        assertEquals(RejectReason.TX_ORPHAN, reason(() -> pool.accept(again)));
        assertFalse(pool.contains(again.txid()));
        assertEquals(RejectReason.TX_ALREADY_CONFIRMED, reason(() -> pool.accept(spend)));
    }

    @Test
    void aChildOfAnUnconfirmedParentIsAccepted() throws Exception {
        Transaction parent = spendCoinbase(1, 2, 1000);
        Transaction child = BlockBuilder.spend(List.of(new OutPoint(parent.txid(), 1)),
                parent.outputs().get(1).value(), 1, 1000);
        pool.accept(parent);
        pool.accept(child);
        assertEquals(2, pool.size());
        List<MempoolEntry> entries = pool.entries();
        assertEquals(parent.txid(), entries.get(0).tx().txid(), "parents before children");
        assertEquals(1000, pool.get(child.txid()).fee());
    }

    @Test
    void anOrphanIsAdmittedWhenItsParentArrives() throws Exception {
        Transaction parent = spendCoinbase(1, 2, 1000);
        Transaction child = BlockBuilder.spend(List.of(new OutPoint(parent.txid(), 0)),
                parent.outputs().get(0).value(), 1, 1000);
        assertEquals(RejectReason.TX_ORPHAN, reason(() -> pool.accept(child)));
        assertEquals(1, pool.orphanCount());
        pool.accept(parent);
        assertTrue(pool.contains(child.txid()));
        assertEquals(0, pool.orphanCount());
    }

    @Test
    void miningRemovesConfirmedTransactionsAndTheirConflicts() throws Exception {
        Transaction a = spendCoinbase(1, 2, 1000);
        Transaction b = spendCoinbase(2, 2, 1000);
        Transaction bChild = BlockBuilder.spend(List.of(new OutPoint(b.txid(), 0)), b.outputs().get(0).value(), 1, 1000);
        pool.accept(a);
        pool.accept(b);
        pool.accept(bChild);
        // A block confirms a, and a different spend of coinbase 2 that conflicts with b (and so with bChild).
        Transaction bRival = spendCoinbase(2, 1, 3000);
        node.accept(bb.next(chain.get(9), 600, List.of(a, bRival), 4000));
        assertEquals(0, pool.size(), "a confirmed; b and its child conflicted with the block");
    }

    @Test
    void aReorganisationPutsBackStillValidTransactionsAndDropsConflicts() throws Exception {
        Transaction x = spendCoinbase(3, 2, 1000);
        Transaction y = spendCoinbase(4, 2, 1000);
        Block confirmsBoth = bb.next(chain.get(9), 600, List.of(x, y), 2000);
        node.accept(confirmsBoth);
        assertEquals(0, pool.size());
        // A competing branch from block 10, two blocks long, confirming a rival spend of coinbase 4 only.
        Transaction yRival = spendCoinbase(4, 3, 1500);
        Block r1 = bb.next(chain.get(9), 601, List.of(yRival), 1500);
        Block r2 = bb.next(r1, 600, List.of(), 0);
        node.accept(r1);
        node.accept(r2);
        assertEquals(r2.hash(), node.tip());
        assertTrue(pool.contains(x.txid()), "x is still valid on the new chain and returned to the pool");
        assertFalse(pool.contains(y.txid()), "y conflicts with the new chain and was dropped");
        assertFalse(pool.contains(yRival.txid()), "confirmed on the new chain");
    }

    @Test
    void policyAndConsensusRejectionsCarryTheirReason() throws Exception {
        assertEquals(RejectReason.TX_FEE_TOO_LOW, reason(() -> pool.accept(spendCoinbase(1, 1, 0))));
        assertEquals(RejectReason.TX_COINBASE_LOOSE, reason(() -> pool.accept(chain.get(0).transactions().get(0))));
        // coinbase of block 8 has 3 confirmations at height 11; maturity is 5
        assertEquals(RejectReason.TX_PREMATURE_COINBASE_SPEND, reason(() -> pool.accept(spendCoinbase(8, 1, 1000))));
        Transaction overspend = BlockBuilder.spend(List.of(coinbaseOf(1)), coinbaseValue(1) + 1, 1, 0);
        assertEquals(RejectReason.TX_IN_BELOW_OUT, reason(() -> pool.accept(overspend)));
        assertEquals(0, pool.size());
        assertEquals(1000, pool.test(spendCoinbase(1, 1, 1000)).fee(), "testmempoolaccept reports the fee");
        assertEquals(0, pool.size(), "and admits nothing");
    }

    @Test
    void aTransactionWithMoreSigOpsThanPolicyAllowsIsRefused() throws Exception {
        byte[] ops = new byte[201]; // 201 CHECKMULTISIG: 4,020 legacy sigops, over the 4,000 per transaction
        java.util.Arrays.fill(ops, (byte) 0xae);
        Transaction heavy = new Transaction.Builder()
                .addInput(coinbaseOf(1), org.nakamoto.chain.model.Script.EMPTY)
                .addOutput(coinbaseValue(1) - 10_000, org.nakamoto.chain.model.Script.of(ops))
                .build();
        assertEquals(RejectReason.TX_TOO_MANY_SIGOPS, reason(() -> pool.accept(heavy)));
        assertEquals(0, pool.size());
    }

    @Test
    void feeRatesAreMeasuredInSigOpAdjustedVirtualBytes() throws Exception {
        // Three bare 1-of-3 multisig outputs: 20 legacy sigops each (CHECKMULTISIG counts 20 outside
        // P2SH), a sigop cost of 240, which Core counts as 240 * 20 = 4,800 weight: 1,200 virtual bytes,
        // well above the transaction's own size.
        byte[] multisig = new byte[1 + 3 * 34 + 2];
        multisig[0] = 0x51;
        for (int k = 0; k < 3; k++) {
            byte[] key = org.nakamoto.chain.crypto.EcPrivateKey.of(java.math.BigInteger.valueOf(k + 7)).publicKeyBytes(true);
            multisig[1 + 34 * k] = 33;
            System.arraycopy(key, 0, multisig, 2 + 34 * k, 33);
        }
        multisig[multisig.length - 2] = 0x53;
        multisig[multisig.length - 1] = (byte) 0xae;
        java.util.function.LongFunction<Transaction> paying = fee -> {
            Transaction.Builder b = new Transaction.Builder().addInput(coinbaseOf(2), org.nakamoto.chain.model.Script.EMPTY);
            for (int k = 0; k < 3; k++) {
                b.addOutput((coinbaseValue(2) - fee) / 3, org.nakamoto.chain.model.Script.of(multisig));
            }
            return b.build();
        };
        Transaction probe = paying.apply(0);
        assertEquals(1200, MempoolPolicy.virtualSize(probe.weight(), 240));
        assertTrue(probe.vsize() < 400, "its BIP 141 virtual size is " + probe.vsize());
        long enoughForItsSize = MempoolPolicy.DEFAULT.minFee(probe.vsize()) + 1;
        assertEquals(RejectReason.TX_FEE_TOO_LOW, reason(() -> pool.test(paying.apply(enoughForItsSize))));
        long enough = MempoolPolicy.DEFAULT.minFee(1200);
        Mempool.TestResult ok = pool.test(paying.apply(enough));
        assertEquals(1200, ok.vsize(), "testmempoolaccept's vsize is the adjusted one, as Core's");
        MempoolEntry entry = pool.accept(paying.apply(enough));
        assertEquals(1200, entry.vsize());
        assertEquals(240, entry.sigOpCost());
    }

    @Test
    void aFullPoolEvictsTheLowestFeeRateFirst() throws Exception {
        Transaction cheap = spendCoinbase(1, 1, 200);
        Transaction rich = spendCoinbase(2, 1, 5000);
        int txSize = cheap.size();
        node.close();
        node = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real());
        // room for a bit more than one transaction
        pool = Mempool.attach(node.chain, TestVerifiers.real(), new MempoolPolicy(1000, txSize + txSize / 2, 10, 100_000).acceptNonStandard(),
                () -> 1_700_000_000L);
        pool.accept(cheap);
        pool.accept(rich);
        assertFalse(pool.contains(cheap.txid()), "the cheaper one was evicted");
        assertTrue(pool.contains(rich.txid()));
        assertEquals(RejectReason.TX_MEMPOOL_FULL, reason(() -> pool.accept(spendCoinbase(3, 1, 300))));
        assertEquals(1, pool.size());
    }

    @Test
    void manyThreadsRacingToSpendTheSameOutputsAdmitExactlyOneSpendEach() throws Exception {
        // The racers submit through one chain writer, as p2p and RPC do; the pool's own monitor and the
        // writer's ordering together must admit exactly one spend of each output.
        node.close();
        int outputs = 5;
        int threads = 8;
        try (ChainStore store = ChainStore.open(tmp.resolve("w"), PARAMS);
                ChainWriter writer = ChainWriter.open(PARAMS, store, TestVerifiers.real(), () -> TestChain.NOW)) {
            for (Block b : chain) {
                writer.acceptBlock(b).get();
            }
            Mempool racedPool = writer.submit(c -> Mempool.attach(c, TestVerifiers.real(), STANDARDNESS_ASIDE,
                    () -> 1_700_000_000L)).get();
            List<Thread> ts = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Object> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int fee = 1000 + t;
                ts.add(new Thread(() -> {
                    try {
                        go.await();
                        for (int h = 1; h <= outputs; h++) {
                            Transaction tx = spendCoinbase(h, 1, fee);
                            try {
                                writer.submit(c -> racedPool.accept(tx)).get();
                                admitted.incrementAndGet();
                            } catch (java.util.concurrent.ExecutionException e) {
                                if (!(e.getCause() instanceof ValidationException ve)
                                        || ve.reason() != RejectReason.TX_MEMPOOL_CONFLICT) {
                                    unexpected.add(e.getCause());
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            ts.forEach(Thread::start);
            go.countDown();
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(List.of(), unexpected);
            assertEquals(outputs, admitted.get());
            assertEquals(outputs, racedPool.view().size());
            // and a racer that skips the writer is refused outright, before the pool changes
            IllegalStateException off = assertThrows(IllegalStateException.class,
                    () -> racedPool.accept(spendCoinbase(6, 1, 999)));
            assertTrue(off.getMessage().contains("writer thread"), off.getMessage());
            assertEquals(outputs, racedPool.view().size());
        }
        node = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real()); // for tearDown
    }
}
