package org.nakamoto.p2p;

import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.state.BlockNode;

/**
 * What a validation failure costs the peer that sent the data, by context, in one place (Core's
 * MaybePunishNodeForBlock / MaybePunishNodeForTx). The decision is made on the reason's
 * {@link RejectReason.Category}, with a switch that names every category and has no default, so a new
 * category does not compile until someone decides what it costs. The same category can mean an honest
 * disagreement in one context and proof of a broken or hostile peer in another:
 *
 * <ul>
 *   <li>a <b>transaction</b> refused for policy, or because it is not final yet, or because its inputs
 *       are unknown, spent or immature costs nothing: an honest peer whose tip, mempool or policy differs
 *       from ours sends those (a peer at tip+1 relays a transaction final only at tip+1). A transaction
 *       that breaks a consensus rule whatever the chain state (negative output, inputs below outputs, a
 *       failing script...) costs a ban.</li>
 *   <li>a <b>block</b> or <b>header</b> that breaks any rule costs a ban, including spending a missing
 *       output, a non-final transaction and an invalid ancestor (Core's BLOCK_CONSENSUS,
 *       BLOCK_INVALID_PREV), except a time too far in the future (our clock may be wrong), an unknown
 *       parent (handled as an orphan) and a duplicate of a block we hold as valid. A duplicate of a
 *       block known to be invalid costs a ban (Core's BLOCK_CACHED_INVALID). A mutated block costs its
 *       sender a ban too, as in Core (only that peer could have altered the body), but the chain does not
 *       mark its hash invalid, so the peer who later sends the genuine block is not punished.</li>
 * </ul>
 *
 * <p>Stateless.
 */
final class Penalty {
    static final int NONE = 0;
    static final int BAN = Misbehaviour.BAN_THRESHOLD;

    private Penalty() {
    }

    /** A transaction the mempool refused. */
    static int forTransaction(RejectReason r) {
        return switch (r.category()) {
            case POLICY, MISSING_INPUTS, PREMATURE -> NONE;
            case CONSENSUS -> BAN;
            // Header and block categories: the mempool never refuses a transaction with them.
            case FUTURE_TIME, MISSING_PARENT, MUTATED, CACHED_INVALID -> BAN;
        };
    }

    /**
     * A block or header the chain refused; {@code known} is the chain's node for its hash afterwards (null
     * if none), which tells a duplicate of a valid block from one of an invalid block.
     */
    static int forBlock(RejectReason r, BlockNode known) {
        return switch (r.category()) {
            case FUTURE_TIME, MISSING_PARENT -> NONE;
            case CACHED_INVALID -> known != null && known.isFailed() ? BAN : NONE;
            // In a block, missing and immature inputs break consensus; policy never refuses a block, so a
            // policy reason here would be a misfiled rule, and is treated as invalid.
            case CONSENSUS, MUTATED, MISSING_INPUTS, PREMATURE, POLICY -> BAN;
        };
    }
}
