package org.nakamoto.wallet.coins;

import java.util.List;
import org.nakamoto.chain.model.Transaction;

/**
 * A signed payment ready to broadcast.
 *
 * @param tx        the signed transaction; output 0 pays the recipient, output 1 (if any) is change
 * @param spent     the coins its inputs spend, in input order
 * @param amountSat paid to the recipient
 * @param feeSat    inputs minus outputs
 * @param changeSat the change output's value, or 0 when there is none
 */
public record Payment(Transaction tx, List<WalletCoin> spent, long amountSat, long feeSat, long changeSat) {
    public Payment {
        spent = List.copyOf(spent);
    }

    public boolean hasChange() {
        return tx.outputs().size() > 1;
    }
}
