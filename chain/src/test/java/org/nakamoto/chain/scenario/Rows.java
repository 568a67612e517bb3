package org.nakamoto.chain.scenario;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Transaction;

/** Collects the rows of a scenario table in order. */
final class Rows {
    final List<Step> steps = new ArrayList<>();
    private final BlockGen g;

    Rows(BlockGen g) {
        this.g = g;
    }

    Rows accepted(Block... blocks) {
        for (Block b : blocks) {
            steps.add(new Step.Accepted("accept " + g.nameOf(b), b));
        }
        return this;
    }

    Rows rejected(Block b, RejectReason reason) {
        steps.add(new Step.Rejected("reject " + g.nameOf(b) + " with " + reason, b, reason));
        return this;
    }

    /** Rejected with {@code reason} and exactly Core's reject string {@code rejectString}. */
    Rows rejected(Block b, RejectReason reason, String rejectString) {
        steps.add(new Step.Rejected("reject " + g.nameOf(b) + " with " + rejectString, b, reason, rejectString));
        return this;
    }

    Rows duplicate(Block b) {
        steps.add(new Step.Duplicate("duplicate " + g.nameOf(b), b));
        return this;
    }

    Rows orphaned(Block b) {
        steps.add(new Step.Orphaned("orphan " + g.nameOf(b), b));
        return this;
    }

    Rows tip(Block b) {
        steps.add(new Step.ExpectTip("tip " + g.nameOf(b), b));
        return this;
    }

    Rows headerAccepted(Block b) {
        steps.add(new Step.HeaderAccepted("header of " + g.nameOf(b), b.header()));
        return this;
    }

    Rows headerRejected(Block b, RejectReason reason) {
        steps.add(new Step.HeaderRejected("header of " + g.nameOf(b) + " with " + reason, b.header(), reason));
        return this;
    }

    Rows rulesRejected(Block b, Block presentedParent, RejectReason reason) {
        String name = "rules on " + g.nameOf(b) + " under " + g.nameOf(presentedParent) + " with " + reason;
        steps.add(new Step.RulesRejected(name, b.header(), presentedParent, reason));
        return this;
    }

    Rows clock(long now) {
        steps.add(new Step.SetClock("clock " + now, now));
        return this;
    }

    Rows txAccepted(String name, Transaction tx) {
        steps.add(new Step.TxAccepted(name, tx));
        return this;
    }

    Rows txRejected(String name, Transaction tx, RejectReason reason) {
        steps.add(new Step.TxRejected(name + ": " + reason, tx, reason));
        return this;
    }

    Rows txRejected(String name, Transaction tx, RejectReason reason, String rejectString) {
        steps.add(new Step.TxRejected(name + ": " + rejectString, tx, reason, rejectString));
        return this;
    }

    Rows poolSize(int n) {
        steps.add(new Step.ExpectPoolSize("pool size " + n, n));
        return this;
    }
}
