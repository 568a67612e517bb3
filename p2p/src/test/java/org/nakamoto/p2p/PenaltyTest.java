package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nakamoto.chain.consensus.RejectReason;

/** The context rule: the same reason can be honest in a transaction and hostile in a block. */
class PenaltyTest {
    @Test
    void transactionPolicyAndChainStateReasonsAreFree() {
        for (RejectReason r : new RejectReason[] {RejectReason.TX_NON_FINAL, RejectReason.TX_ORPHAN,
                RejectReason.TX_FEE_TOO_LOW, RejectReason.TX_MEMPOOL_CONFLICT, RejectReason.TX_ALREADY_KNOWN,
                RejectReason.TX_ALREADY_CONFIRMED, RejectReason.TX_MEMPOOL_FULL, RejectReason.TX_TOO_MANY_SIGOPS,
                RejectReason.TX_NONSTANDARD_VERSION, RejectReason.TX_NONSTANDARD_SIZE, RejectReason.TX_NONSTANDARD_SCRIPTSIG_SIZE,
                RejectReason.TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY, RejectReason.TX_NONSTANDARD_INPUTS,
                RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY, RejectReason.TX_NONSTANDARD_BARE_MULTISIG,
                RejectReason.TX_NONSTANDARD_DATACARRIER, RejectReason.TX_NONSTANDARD_DUST,
                RejectReason.TX_MISSING_OR_SPENT,
                RejectReason.TX_PREMATURE_COINBASE_SPEND}) {
            assertEquals(0, Penalty.forTransaction(r), r.name());
        }
        for (RejectReason r : new RejectReason[] {RejectReason.TX_NEGATIVE_OUTPUT, RejectReason.TX_IN_BELOW_OUT,
                RejectReason.SCRIPT_FAILED, RejectReason.TX_DUPLICATE_INPUTS, RejectReason.TX_COINBASE_LOOSE}) {
            assertEquals(100, Penalty.forTransaction(r), r.name());
        }
    }

    @Test
    void blockReasonsBanExceptClockOrphanAndValidDuplicate() {
        for (RejectReason r : RejectReason.values()) {
            int expected = r == RejectReason.TIME_TOO_NEW || r == RejectReason.PREV_BLOCK_NOT_FOUND
                    || r == RejectReason.DUPLICATE_BLOCK ? 0 : 100;
            assertEquals(expected, Penalty.forBlock(r, null), r.name());
        }
        assertEquals(100, Penalty.forBlock(RejectReason.TX_NON_FINAL, null));
        assertEquals(100, Penalty.forBlock(RejectReason.PREV_BLOCK_INVALID, null));
    }
}
