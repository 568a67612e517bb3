package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.WalletCoin;
import org.nakamoto.wallet.coins.WalletView;
import org.nakamoto.wallet.file.HistoryEntry;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletStore;
import org.nakamoto.wallet.rpc.NodeRpcClient;
import org.nakamoto.wallet.rpc.NodeRpcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code history}: the payments this wallet received and sent, oldest first, with their confirmations now.
 * Confirmations come from the wallet's own coins where it still holds one of the transaction's outputs,
 * else from {@code getrawtransaction TXID true} (which a Core node answers for mempool transactions, and
 * for confirmed ones with -txindex); "unknown" when neither can tell.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List payments received and sent.")
final class HistoryCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Override
    public void run() {
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        WalletFile wallet = store.load();
        Keychain keys = wallet.keychain(params);
        NodeRpcClient rpc = root.rpc(params);
        WalletView view = WalletSync.scan(store, wallet, keys, rpc);
        Map<String, Integer> known = new HashMap<>();
        for (WalletCoin c : BalanceCommand.all(view)) {
            known.merge(c.outpoint().txid().toString(), c.confirmations(), Math::max);
        }
        List<HistoryEntry> entries = new ArrayList<>(store.load().history());
        Map<String, Integer> conf = new HashMap<>();
        for (HistoryEntry e : entries) {
            conf.computeIfAbsent(e.txid(), t -> known.containsKey(t) ? known.get(t) : confirmationsFromNode(rpc, t));
        }
        // Oldest first: by when the wallet first saw it, then, among those seen together, by depth in the chain.
        entries.sort(Comparator.comparingLong(HistoryEntry::firstSeen)
                .thenComparing(e -> conf.get(e.txid()), Comparator.reverseOrder()));

        ObjectNode json = root.output().object();
        ArrayNode list = json.putArray("history");
        StringBuilder s = new StringBuilder();
        for (HistoryEntry e : entries) {
            int confirmations = conf.get(e.txid());
            boolean send = HistoryEntry.SEND.equals(e.kind());
            ObjectNode o = list.addObject()
                    .put("kind", e.kind())
                    .put("txid", e.txid())
                    .put("address", e.address())
                    .put("amount", Output.coins(send ? -e.amountSat() : e.amountSat()));
            if (send) {
                o.put("fee", Output.coins(-e.feeSat()));
            } else {
                o.put("vout", e.vout());
            }
            if (confirmations >= 0) {
                o.put("confirmations", confirmations);
            } else {
                o.putNull("confirmations");
            }
            o.put("time", e.firstSeen());
            s.append(String.format("%-7s %17s  %s  %s  %s%n", e.kind(),
                    (send ? "-" : "+") + Output.text(e.amountSat()), e.address(), e.txid(),
                    confirmations < 0 ? "confirmations unknown" : confirmations + " conf" + (confirmations >= WalletCoin.FINAL_CONFIRMATIONS ? " (final)" : "")));
        }
        if (entries.isEmpty()) {
            s.append("no transactions yet\n");
        }
        root.output().emit(json, s.toString());
    }

    /** The node's count, 0 for a mempool transaction, -1 if the node does not know the transaction. */
    private static int confirmationsFromNode(NodeRpcClient rpc, String txid) {
        try {
            JsonNode tx = rpc.call("getrawtransaction", txid, true);
            return tx.path("confirmations").asInt(0);
        } catch (NodeRpcException e) {
            return -1;
        }
    }
}
