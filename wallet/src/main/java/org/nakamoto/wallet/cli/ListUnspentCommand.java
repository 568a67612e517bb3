package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.WalletCoin;
import org.nakamoto.wallet.coins.WalletView;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code list-unspent}: every coin, in Bitcoin Core's listunspent shape (txid, vout, address, amount,
 * confirmations, scriptPubKey, desc, spendable) plus status fields.
 */
@Command(name = "list-unspent", mixinStandardHelpOptions = true,
        description = "List the wallet's unspent outputs, confirmed and unconfirmed.")
final class ListUnspentCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Override
    public void run() {
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        WalletFile wallet = store.load();
        Keychain keys = wallet.keychain(params);
        WalletView view = WalletSync.scan(store, wallet, keys, root.rpc(params));
        List<WalletCoin> coins = new ArrayList<>(BalanceCommand.all(view));
        coins.sort(Comparator.comparingInt(WalletCoin::confirmations).reversed().thenComparing(WalletCoin::outpoint));
        ObjectNode json = root.output().object();
        json.put("tip_height", view.tipHeight());
        describe(coins, keys, params.coinbaseMaturity(), json.putArray("unspent"));
        StringBuilder s = new StringBuilder();
        for (WalletCoin c : coins) {
            s.append(String.format("%s:%d  %s  %16s  %5d conf  %s%n", c.outpoint().txid(), c.outpoint().index(),
                    c.address(), Output.text(c.valueSat()), c.confirmations(), status(c, params.coinbaseMaturity())));
        }
        if (coins.isEmpty()) {
            s.append("no unspent outputs\n");
        }
        root.output().emit(json, s.toString());
    }

    static String status(WalletCoin c, int maturity) {
        if (c.spentInMempool()) {
            return "spending";
        }
        if (!c.confirmed()) {
            return "unconfirmed";
        }
        if (c.immature(maturity)) {
            return "immature";
        }
        return c.isFinal() ? "final" : "confirming";
    }

    static void describe(List<WalletCoin> coins, Keychain keys, int maturity, ArrayNode into) {
        for (WalletCoin c : coins) {
            ObjectNode o = into.addObject()
                    .put("txid", c.outpoint().txid().toString())
                    .put("vout", c.outpoint().index())
                    .put("address", c.address())
                    .put("scriptPubKey", Hex.encode(c.scriptPubKey().unsafeBytes()))
                    .put("desc", keys.descriptor(c.path()))
                    .put("path", c.path().toString())
                    .put("amount", Output.coins(c.valueSat()))
                    .put("confirmations", c.confirmations())
                    .put("status", status(c, maturity))
                    .put("coinbase", c.coinbase())
                    .put("spendable", c.spendable(maturity));
            if (c.confirmed()) {
                o.put("height", c.height());
            }
            if (c.immature(maturity)) {
                o.put("blocks_to_maturity", c.blocksToMaturity(maturity));
            }
        }
    }
}
