package org.nakamoto.chain.consensus;

import java.util.HashSet;
import java.util.Set;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/** Context-free transaction rules (Bitcoin Core's CheckTransaction): what holds whatever the chain. */
public final class TransactionChecks {
    private TransactionChecks() {
    }

    public static void check(Transaction tx, int maxBlockSize) throws ValidationException {
        if (tx.inputs().isEmpty()) {
            throw new ValidationException(RejectReason.TX_NO_INPUTS, tx.txid().toString());
        }
        if (tx.outputs().isEmpty()) {
            throw new ValidationException(RejectReason.TX_NO_OUTPUTS, tx.txid().toString());
        }
        // Core: the stripped size, weighed as if without witnesses, within the block weight limit.
        if (tx.strippedSize() > maxBlockSize) {
            throw new ValidationException(RejectReason.TX_OVERSIZE, tx.strippedSize() + " bytes without witnesses");
        }
        long total = 0;
        for (TxOut out : tx.outputs()) {
            if (out.value() < 0) {
                throw new ValidationException(RejectReason.TX_NEGATIVE_OUTPUT, tx.txid().toString());
            }
            if (out.value() > Amount.MAX_MONEY) {
                throw new ValidationException(RejectReason.TX_OUTPUT_TOO_LARGE, tx.txid().toString());
            }
            total += out.value(); // both terms are at most MAX_MONEY, so this cannot overflow
            if (!Amount.inMoneyRange(total)) {
                throw new ValidationException(RejectReason.TX_OUTPUT_TOTAL_TOO_LARGE, tx.txid().toString());
            }
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TxIn in : tx.inputs()) {
            if (!seen.add(in.prevout())) {
                throw new ValidationException(RejectReason.TX_DUPLICATE_INPUTS, in.prevout().toString());
            }
        }
        if (tx.isCoinbase()) {
            int len = tx.inputs().get(0).scriptSig().length();
            if (len < 2 || len > 100) {
                throw new ValidationException(RejectReason.BAD_COINBASE_LENGTH, len + " bytes");
            }
        } else {
            for (TxIn in : tx.inputs()) {
                if (in.prevout().isNull()) {
                    throw new ValidationException(RejectReason.TX_NULL_PREVOUT, tx.txid().toString());
                }
            }
        }
    }

    /**
     * Bitcoin's IsFinalTx: a lock time of 0, or one already passed (below 500,000,000 it is a height,
     * otherwise a time), or every input's sequence final.
     */
    public static boolean isFinal(Transaction tx, int height, long time) {
        long lockTime = tx.lockTime();
        if (lockTime == 0) {
            return true;
        }
        long cutoff = lockTime < 500_000_000L ? height : time;
        if (lockTime < cutoff) {
            return true;
        }
        for (TxIn in : tx.inputs()) {
            if (in.sequence() != TxIn.SEQUENCE_FINAL) {
                return false;
            }
        }
        return true;
    }
}
