package org.nakamoto.chain.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** What the mempool's split added: local admission for the RPC, and the container's fee-rate index. */
class MempoolPartsTest {
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
    private List<Block> chain;

    @BeforeEach
    void setUp() {
        node = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real());
        pool = Mempool.attach(node.chain, TestVerifiers.real(), STANDARDNESS_ASIDE, () -> 1_700_000_000L);
        BlockBuilder bb = new BlockBuilder(PARAMS);
        chain = new ArrayList<>(bb.chain(bb.genesis(), 10, 600));
        node.acceptAll(chain);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private Transaction spendCoinbase(int height, int outputs, long fee) {
        Transaction cb = chain.get(height - 1).transactions().get(0);
        return BlockBuilder.spend(List.of(new OutPoint(cb.txid(), 0)), cb.outputs().get(0).value(), outputs, fee);
    }

    @Test
    void localAdmissionRefusesAnOrphanWithoutKeepingIt() {
        Transaction parent = spendCoinbase(1, 1, 1000);
        Transaction child = BlockBuilder.spend(List.of(new OutPoint(parent.txid(), 0)),
                parent.outputs().get(0).value(), 1, 1000);
        ValidationException e = assertThrows(ValidationException.class, () -> pool.acceptLocal(child, (f, s) -> { }));
        assertEquals(RejectReason.TX_ORPHAN, e.reason());
        assertEquals(0, pool.orphanCount(), "the RPC's caller is told; relay would have kept it");
    }

    @Test
    void theFeeGateSeesTheFeeAndMayRefuseBeforeThePoolChanges() throws Exception {
        Transaction tx = spendCoinbase(1, 2, 1234);
        long before = pool.changeCount();
        AtomicLong seen = new AtomicLong();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pool.acceptLocal(tx, (fee, size) -> {
            seen.set(fee);
            throw new IllegalStateException("fee too high for the caller");
        }));
        assertEquals("fee too high for the caller", refused.getMessage());
        assertEquals(1234, seen.get());
        assertFalse(pool.contains(tx.txid()));
        assertEquals(before, pool.changeCount());

        MempoolEntry e = pool.acceptLocal(tx, (fee, size) -> seen.set(fee + size));
        assertEquals(1234 + tx.size(), seen.get());
        assertSame(e, pool.get(tx.txid()));
    }

    @Test
    void theFeeRateIndexOrdersForMiningAndEviction() {
        TxPool p = new TxPool();
        Transaction t1 = spendCoinbase(1, 1, 1000);
        Transaction t2 = spendCoinbase(2, 1, 1000);
        Transaction t3 = spendCoinbase(3, 1, 5000);
        Transaction t4 = spendCoinbase(4, 1, 1000);
        for (Transaction t : List.of(t1, t2, t3, t4)) {
            p.add(t, t == t3 ? 5000 : 1000, 0, 10, 1);
        }
        // all the same size: highest fee first, then equal rates in admission order
        assertEquals(List.of(t3.txid(), t1.txid(), t2.txid(), t4.txid()),
                p.byFeeRate().stream().map(e -> e.tx().txid()).toList());
        long oneTx = p.get(t1.txid()).size();
        List<Transaction> evicted = p.trimTo(p.bytes() - oneTx);
        assertEquals(List.of(t1), evicted, "the lowest rate goes first, the earliest among equals");
        assertTrue(p.contains(t4.txid()));
        assertEquals(3 * oneTx, p.bytes());
    }
}
