package org.nakamoto.wallet.cli;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.CoinScanner;
import org.nakamoto.wallet.coins.WalletCoin;
import org.nakamoto.wallet.coins.WalletView;
import org.nakamoto.wallet.file.HistoryEntry;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletStore;
import org.nakamoto.wallet.rpc.NodeRpcClient;

/**
 * Asks the node what the wallet owns and writes down what it learned: addresses seen holding coins are
 * never handed out again (the next indexes move past them), and every payment received joins the history,
 * which the UTXO set forgets once the coin is spent.
 */
final class WalletSync {
    private WalletSync() {
    }

    /** Scans and records; for the read-only commands. */
    static WalletView scan(WalletStore store, WalletFile wallet, Keychain keys, NodeRpcClient rpc) {
        WalletView view = scanOnly(wallet, keys, rpc);
        record(store, view);
        return view;
    }

    static WalletView scanOnly(WalletFile wallet, Keychain keys, NodeRpcClient rpc) {
        return new CoinScanner(rpc, keys).scan(new int[] {wallet.nextReceiveIndex(), wallet.nextChangeIndex()});
    }

    /** Writes down what a scan learned: used indexes and received payments. */
    static void record(WalletStore store, WalletView view) {
        long now = System.currentTimeMillis() / 1000;
        List<HistoryEntry> received = new ArrayList<>();
        for (List<WalletCoin> coins : List.of(view.confirmed(), view.unconfirmed())) {
            for (WalletCoin c : coins) {
                if (c.path().isChange()) {
                    continue; // our own change is part of a send, not a payment received
                }
                received.add(HistoryEntry.received(c.outpoint().txid().toString(), c.outpoint().index(),
                        c.address(), c.valueSat(), now));
            }
        }
        int[] next = view.nextUnused();
        store.update(w -> w.withNextIndexAtLeast(KeyPath.RECEIVE, next[KeyPath.RECEIVE])
                .withNextIndexAtLeast(KeyPath.CHANGE, next[KeyPath.CHANGE])
                .withHistory(received));
    }
}
