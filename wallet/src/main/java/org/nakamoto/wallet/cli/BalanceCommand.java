package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.WalletCoin;
import org.nakamoto.wallet.coins.WalletView;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code balance}: what the wallet holds, split the way the chain sees it. Confirmed coins are listed by
 * confirmation count, and as final from {@value WalletCoin#FINAL_CONFIRMATIONS} confirmations; coinbase
 * outputs are immature until they may be spent; unconfirmed are mempool payments to the wallet (including
 * its own change); "spending" is confirmed coins that a mempool transaction already spends, which count no
 * more. total = confirmed + immature + unconfirmed.
 */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = "Show the balance: confirmed (with confirmations), immature coinbase, unconfirmed.")
final class BalanceCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    /** Sums of one scan, in satoshis. */
    record Totals(long confirmed, long finalSat, Map<Integer, Long> byConfirmations, long immature,
            int nextMaturityBlocks, long unconfirmed, long spending) {
        long total() {
            return confirmed + immature + unconfirmed;
        }
    }

    static Totals totals(WalletView view, int maturity) {
        long confirmed = 0;
        long finalSat = 0;
        long immature = 0;
        long spending = 0;
        int nextMaturity = Integer.MAX_VALUE;
        Map<Integer, Long> byConf = new TreeMap<>();
        for (WalletCoin c : view.confirmed()) {
            if (c.spentInMempool()) {
                spending += c.valueSat();
            } else if (c.immature(maturity)) {
                immature += c.valueSat();
                nextMaturity = Math.min(nextMaturity, c.blocksToMaturity(maturity));
            } else {
                confirmed += c.valueSat();
                if (c.isFinal()) {
                    finalSat += c.valueSat();
                } else {
                    byConf.merge(c.confirmations(), c.valueSat(), Long::sum);
                }
            }
        }
        long unconfirmed = 0;
        for (WalletCoin c : view.unconfirmed()) {
            if (!c.spentInMempool()) {
                unconfirmed += c.valueSat();
            }
        }
        return new Totals(confirmed, finalSat, byConf, immature, nextMaturity == Integer.MAX_VALUE ? 0 : nextMaturity,
                unconfirmed, spending);
    }

    @Override
    public void run() {
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        WalletFile wallet = store.load();
        Keychain keys = wallet.keychain(params);
        WalletView view = WalletSync.scan(store, wallet, keys, root.rpc(params));
        Totals t = totals(view, params.coinbaseMaturity());

        ObjectNode json = root.output().object();
        json.put("tip_height", view.tipHeight());
        json.put("confirmed", Output.coins(t.confirmed()));
        json.put("final", Output.coins(t.finalSat()));
        ObjectNode byConf = json.putObject("confirming");
        t.byConfirmations().forEach((conf, sat) -> byConf.put(conf.toString(), Output.coins(sat)));
        json.put("immature", Output.coins(t.immature()));
        json.put("unconfirmed", Output.coins(t.unconfirmed()));
        json.put("spending", Output.coins(t.spending()));
        json.put("total", Output.coins(t.total()));
        ArrayNode coins = json.putArray("coins");
        ListUnspentCommand.describe(view.confirmed(), keys, params.coinbaseMaturity(), coins);
        ListUnspentCommand.describe(view.unconfirmed(), keys, params.coinbaseMaturity(), coins);

        StringBuilder s = new StringBuilder();
        s.append(String.format("confirmed     %20s%n", Output.text(t.confirmed())));
        s.append(String.format("  final (%d+ confirmations) %s%n", WalletCoin.FINAL_CONFIRMATIONS, Output.text(t.finalSat())));
        t.byConfirmations().forEach((conf, sat) -> s.append(String.format("  %d confirmation%s %s%n", conf,
                conf == 1 ? "" : "s", Output.text(sat))));
        s.append(String.format("immature      %20s%s%n", Output.text(t.immature()),
                t.immature() > 0 ? "  (coinbase; next matures in " + t.nextMaturityBlocks() + " blocks)" : ""));
        s.append(String.format("unconfirmed   %20s%n", Output.text(t.unconfirmed())));
        if (t.spending() > 0) {
            s.append(String.format("spending      %20s  (spent by unconfirmed transactions)%n", Output.text(t.spending())));
        }
        s.append(String.format("total         %20s%n", Output.text(t.total())));
        s.append("tip height ").append(view.tipHeight());
        root.output().emit(json, s.toString());
    }

    static List<WalletCoin> all(WalletView view) {
        return java.util.stream.Stream.concat(view.confirmed().stream(), view.unconfirmed().stream()).toList();
    }
}
