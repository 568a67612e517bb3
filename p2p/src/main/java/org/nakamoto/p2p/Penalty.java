package org.nakamoto.p2p;

import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.state.BlockNode;

/**
 * What a validation failure costs the peer that sent the data, by context, in one place (Core's
 * MaybePunishNodeForBlock / MaybePunishNodeForTx). The same {@link RejectReason} can mean an honest
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
 *       block known to be invalid costs a ban (Core's BLOCK_CACHED_INVALID).</li>
 * </ul>
 *
 * <p>{@link RejectReason#banScore()} in chain stays as a transaction-context default for other callers;
 * the network layer uses only this class. Stateless.
 */
final class Penalty {
    static final int NONE = 0;
    static final int BAN = Misbehaviour.BAN_THRESHOLD;

    private Penalty() {
    }

    /** A transaction the mempool refused. */
    static int forTransaction(RejectReason r) {
        return switch (r) {
            case TX_NON_FINAL, TX_ORPHAN, TX_FEE_TOO_LOW, TX_MEMPOOL_CONFLICT, TX_ALREADY_KNOWN,
                    TX_ALREADY_CONFIRMED, TX_MEMPOOL_FULL, TX_TOO_MANY_SIGOPS, TX_NON_STANDARD,
                    TX_MISSING_OR_SPENT, TX_PREMATURE_COINBASE_SPEND -> NONE;
            default -> BAN;
        };
    }

    /**
     * A block or header the chain refused; {@code known} is the chain's node for its hash afterwards (null
     * if none), which tells a duplicate of a valid block from one of an invalid block.
     */
    static int forBlock(RejectReason r, BlockNode known) {
        return switch (r) {
            case TIME_TOO_NEW, PREV_BLOCK_NOT_FOUND -> NONE;
            case DUPLICATE_BLOCK -> known != null && known.isFailed() ? BAN : NONE;
            default -> BAN;
        };
    }
}
