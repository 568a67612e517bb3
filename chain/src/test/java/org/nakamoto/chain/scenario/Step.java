package org.nakamoto.chain.scenario;

import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Transaction;

/**
 * One row of a scenario table (btcd's fullblocktests TestInstance): something to hand the chain or the
 * mempool and what must come of it. Rows assert on the {@link RejectReason} enum; a rejection row may
 * also pin Core's reject string, where the string is what Core users see (a script error's text).
 */
sealed interface Step {
    String name();

    /** The block is stored and valid so far ({@code ACCEPTED}); whether it became the tip is a separate row. */
    record Accepted(String name, Block block) implements Step {
    }

    /** The block is refused with exactly this reason (and, unless null, this reject string). */
    record Rejected(String name, Block block, RejectReason reason, String rejectString) implements Step {
        Rejected(String name, Block block, RejectReason reason) {
            this(name, block, reason, null);
        }
    }

    /** The block is already stored: {@code acceptBlock} answers DUPLICATE without checking it again. */
    record Duplicate(String name, Block block) implements Step {
    }

    /** The block's parent is unknown: kept as an orphan, not stored in the block tree, not connected. */
    record Orphaned(String name, Block block) implements Step {
    }

    /** The active chain ends at this block. */
    record ExpectTip(String name, Block tip) implements Step {
    }

    /** A header alone (as a headers message brings it) joins the block tree. */
    record HeaderAccepted(String name, BlockHeader header) implements Step {
    }

    /** A header alone is refused with exactly this reason. */
    record HeaderRejected(String name, BlockHeader header, RejectReason reason) implements Step {
    }

    /**
     * The header rules, run on a header presented as the child of {@code parent} from the chain's block
     * tree. For the rule the chain cannot reach itself: it finds a header's parent by the header's own
     * previous-block hash, so only a caller that supplies the parent (the header-run validator) can be
     * handed a header that does not link to it.
     */
    record RulesRejected(String name, BlockHeader header, Block parent, RejectReason reason) implements Step {
    }

    /** Network-adjusted time moves to {@code now} (Unix seconds). */
    record SetClock(String name, long now) implements Step {
    }

    /** The mempool admits the transaction. */
    record TxAccepted(String name, Transaction tx) implements Step {
    }

    /** The mempool refuses the transaction with exactly this reason (and, unless null, this reject string). */
    record TxRejected(String name, Transaction tx, RejectReason reason, String rejectString) implements Step {
        TxRejected(String name, Transaction tx, RejectReason reason) {
            this(name, tx, reason, null);
        }
    }

    /** The mempool holds this many transactions. */
    record ExpectPoolSize(String name, int size) implements Step {
    }

    /** The reason a row asserts, or null for rows that assert none. */
    default RejectReason asserted() {
        if (this instanceof Rejected r) {
            return r.reason();
        }
        if (this instanceof HeaderRejected r) {
            return r.reason();
        }
        if (this instanceof RulesRejected r) {
            return r.reason();
        }
        if (this instanceof TxRejected r) {
            return r.reason();
        }
        return null;
    }
}
