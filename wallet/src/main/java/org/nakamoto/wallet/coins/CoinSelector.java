package org.nakamoto.wallet.coins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nakamoto.chain.model.Script;

/**
 * Chooses which coins to spend: largest first, so a payment uses as few inputs (and as small a fee) as
 * it can; ties go to the older, then to the lower outpoint, so that the choice is deterministic. The
 * caller asks for the smallest prefix covering a target and widens it when the signed fee turns out
 * larger. Stateless.
 */
public final class CoinSelector {
    private CoinSelector() {
    }

    /** The candidates in spending order. */
    public static List<WalletCoin> order(List<WalletCoin> candidates) {
        List<WalletCoin> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingLong(WalletCoin::valueSat).reversed()
                .thenComparing(Comparator.comparingInt(WalletCoin::confirmations).reversed())
                .thenComparing(WalletCoin::outpoint));
        return sorted;
    }

    /**
     * How many of the ordered coins it takes to reach {@code targetSat} plus the estimated fee of spending
     * them into {@code outputs}, or -1 if all of them do not.
     */
    public static int countFor(List<WalletCoin> ordered, long targetSat, long feeRate, List<Script> outputs) {
        long total = 0;
        for (int n = 1; n <= ordered.size(); n++) {
            total += ordered.get(n - 1).valueSat();
            if (total >= targetSat + feeRate * TxSizes.estimate(ordered.subList(0, n), outputs)) {
                return n;
            }
        }
        return -1;
    }
}
