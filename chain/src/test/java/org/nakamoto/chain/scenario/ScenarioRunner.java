package org.nakamoto.chain.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.consensus.HeaderChainValidator;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestVerifiers;

/**
 * Runs a {@link Scenario} on a real {@link ChainState} and {@link Mempool} over a real LevelDB in
 * {@code dir}, with the real script verifier and a clock the scenario can move.
 */
final class ScenarioRunner {
    private ScenarioRunner() {
    }

    static void run(Scenario s, Path dir) {
        AtomicLong clock = new AtomicLong(TestChain.NOW);
        try (ChainStore store = ChainStore.open(dir, s.params())) {
            ChainState chain = ChainState.open(s.params(), store, TestVerifiers.real(), clock::get);
            Mempool pool = Mempool.attach(chain, TestVerifiers.real(), s.policy(), clock::get);
            int row = 0;
            for (Step step : s.steps()) {
                String where = s.name() + " row " + row++ + " (" + step.name() + ")";
                try {
                    apply(step, chain, pool, clock, where);
                } catch (ValidationException e) {
                    fail(where + ": unexpected rejection " + e.reason() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void assertRejectString(String expected, ValidationException e, String where) {
        if (expected != null) {
            assertEquals(expected, e.rejectString(), where);
        }
    }

    private static void apply(Step step, ChainState chain, Mempool pool, AtomicLong clock, String where)
            throws ValidationException {
        if (step instanceof Step.Accepted a) {
            assertEquals(ChainState.Acceptance.ACCEPTED, chain.acceptBlock(a.block()), where);
        } else if (step instanceof Step.Rejected r) {
            ValidationException e = assertThrows(ValidationException.class, () -> chain.acceptBlock(r.block()), where);
            assertEquals(r.reason(), e.reason(), where + ": " + e.getMessage());
            assertRejectString(r.rejectString(), e, where);
        } else if (step instanceof Step.Duplicate d) {
            assertEquals(ChainState.Acceptance.DUPLICATE, chain.acceptBlock(d.block()), where);
        } else if (step instanceof Step.Orphaned o) {
            assertEquals(ChainState.Acceptance.ORPHAN, chain.acceptBlock(o.block()), where);
            assertNull(chain.node(o.block().hash()), where + ": an orphan is not in the block tree");
        } else if (step instanceof Step.ExpectTip t) {
            BlockNode tip = chain.tip();
            assertEquals(t.tip().hash(), tip.hash(), where + ": tip at height " + tip.height());
        } else if (step instanceof Step.HeaderAccepted h) {
            assertEquals(h.header().hash(), chain.acceptHeader(h.header()).hash(), where);
        } else if (step instanceof Step.HeaderRejected h) {
            ValidationException e = assertThrows(ValidationException.class, () -> chain.acceptHeader(h.header()), where);
            assertEquals(h.reason(), e.reason(), where + ": " + e.getMessage());
        } else if (step instanceof Step.RulesRejected h) {
            BlockNode parent = chain.node(h.parent().hash());
            HeaderChainValidator rules = new HeaderChainValidator(chain.params(), clock::get);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> rules.check(h.header(), parent.ancestry()), where);
            assertEquals(h.reason(), e.reason(), where + ": " + e.getMessage());
        } else if (step instanceof Step.SetClock c) {
            clock.set(c.now());
        } else if (step instanceof Step.TxAccepted a) {
            assertEquals(a.tx().txid(), pool.accept(a.tx()).tx().txid(), where);
        } else if (step instanceof Step.TxRejected r) {
            ValidationException e = assertThrows(ValidationException.class, () -> pool.accept(r.tx()), where);
            assertEquals(r.reason(), e.reason(), where + ": " + e.getMessage());
            assertRejectString(r.rejectString(), e, where);
        } else if (step instanceof Step.ExpectPoolSize p) {
            assertEquals(p.size(), pool.size(), where);
        } else {
            throw new IllegalArgumentException(where + ": no runner for " + step);
        }
    }
}
