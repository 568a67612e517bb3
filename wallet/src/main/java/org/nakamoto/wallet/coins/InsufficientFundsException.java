package org.nakamoto.wallet.coins;

import org.nakamoto.chain.model.Amount;
import org.nakamoto.wallet.WalletException;

/** The spendable coins do not cover the amount and its fee. */
public final class InsufficientFundsException extends WalletException {
    public InsufficientFundsException(long spendableSat, long amountSat, long feeRate) {
        super("insufficient funds: " + Amount.ofSat(amountSat) + " plus a fee at " + feeRate
                + " sat/byte is more than the " + Amount.ofSat(spendableSat)
                + " spendable (confirmed, mature and not already being spent)");
    }
}
