package org.nakamoto.wallet.coins;

import java.util.List;

/**
 * What the node says the wallet owns, at one tip: confirmed unspent outputs (from the UTXO set) and
 * unconfirmed ones (outputs of mempool transactions), each marked if a mempool transaction spends it.
 *
 * @param tipHeight        the chain height the scan saw
 * @param confirmed        outputs in the UTXO set
 * @param unconfirmed      outputs of mempool transactions
 * @param nextUnused       per chain (receive, change), one past the highest index seen holding coins
 */
public record WalletView(int tipHeight, List<WalletCoin> confirmed, List<WalletCoin> unconfirmed, int[] nextUnused) {
    public WalletView {
        confirmed = List.copyOf(confirmed);
        unconfirmed = List.copyOf(unconfirmed);
        nextUnused = nextUnused.clone();
    }

    @Override
    public int[] nextUnused() {
        return nextUnused.clone();
    }
}
