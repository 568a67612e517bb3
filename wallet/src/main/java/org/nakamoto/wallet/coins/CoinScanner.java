package org.nakamoto.wallet.coins;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.WalletAddress;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.rpc.NodeRpcClient;
import org.nakamoto.wallet.rpc.NodeRpcException;

/**
 * Finds the wallet's coins with Bitcoin Core's RPC only, so any Core-compatible node will do:
 * {@code scantxoutset "start" ["addr(...)", ...]} for the confirmed ones (with {@code height} and
 * {@code coinbase}), then {@code getrawmempool} and {@code getrawtransaction TXID true} for the mempool's
 * payments to and spends from the wallet. Addresses are scanned up to {@link #GAP} past the last one seen
 * holding coins on each chain, and further while new ones turn up, so a restored wallet finds coins at
 * later indexes; every account type the wallet has (BIP44, BIP49, BIP84, BIP86) is scanned at each index. A block found between the calls can make one answer slightly stale; the next run is right.
 */
public final class CoinScanner {
    /** Unused addresses scanned past the last used one, as BIP44 suggests. */
    public static final int GAP = 20;
    private static final int RPC_INVALID_ADDRESS_OR_KEY = -5;

    private final NodeRpcClient rpc;
    private final Keychain keys;

    public CoinScanner(NodeRpcClient rpc, Keychain keys) {
        this.rpc = rpc;
        this.keys = keys;
    }

    private record Owned(KeyPath path, String address) {
    }

    /** @param nextIndex per chain (receive, change), the wallet's next unused index */
    public WalletView scan(int[] nextIndex) {
        Map<String, Owned> owned = new HashMap<>();
        int[] derived = {0, 0};
        int[] nextUnused = nextIndex.clone();
        JsonNode result;
        while (true) {
            for (int chain = KeyPath.RECEIVE; chain <= KeyPath.CHANGE; chain++) {
                // Indexes stop below KeyPath.INDEX_LIMIT (BIP32's non-hardened range); the sum is taken in long.
                long end = Math.min(KeyPath.INDEX_LIMIT, (long) nextUnused[chain] + GAP);
                for (; derived[chain] < end; derived[chain]++) {
                    // The account types share indexes, so each index is looked for in every type.
                    for (AddressType t : keys.types()) {
                        KeyPath p = new KeyPath(t, chain, derived[chain]);
                        WalletAddress a = keys.address(p);
                        owned.put(Hex.encode(a.scriptPubKey().bytes()), new Owned(p, a.text()));
                    }
                }
            }
            result = scanUtxoSet(owned);
            int[] seen = nextUnused.clone();
            for (JsonNode u : result.path("unspents")) {
                Owned o = owned.get(u.path("scriptPubKey").asText());
                if (o != null) {
                    seen[o.path.chain()] = Math.max(seen[o.path.chain()], o.path.index() + 1);
                }
            }
            if (seen[0] == nextUnused[0] && seen[1] == nextUnused[1]) {
                break;
            }
            nextUnused = seen; // coins past the window: widen it and look again
        }
        int tip = result.has("height") ? result.get("height").asInt() : rpc.call("getblockcount").asInt();
        List<WalletCoin> confirmed = new ArrayList<>();
        for (JsonNode u : result.path("unspents")) {
            Owned o = owned.get(u.path("scriptPubKey").asText());
            if (o == null) {
                continue;
            }
            int height = u.path("height").asInt();
            confirmed.add(new WalletCoin(outPoint(u.path("txid").asText(), u.path("vout").asLong()),
                    NodeRpcClient.toSatoshis(u.get("amount")), Script.fromHex(u.path("scriptPubKey").asText()),
                    o.path, o.address, height, Math.max(0, tip - height + 1), u.path("coinbase").asBoolean(false),
                    false));
        }
        return withMempool(tip, confirmed, owned, nextUnused);
    }

    private JsonNode scanUtxoSet(Map<String, Owned> owned) {
        List<String> descriptors = new ArrayList<>(owned.size());
        owned.values().forEach(o -> descriptors.add("addr(" + o.address + ")"));
        JsonNode result;
        try {
            result = rpc.call("scantxoutset", "start", descriptors);
        } catch (NodeRpcException e) {
            throw new WalletException("the node could not scan its UTXO set for this wallet's addresses: "
                    + e.rpcMessage() + " (code " + e.code() + ")", e);
        }
        if (!result.path("success").asBoolean(true)) {
            throw new WalletException("the node's UTXO scan did not complete; try again");
        }
        return result;
    }

    private WalletView withMempool(int tip, List<WalletCoin> confirmed, Map<String, Owned> owned, int[] nextUnused) {
        List<WalletCoin> unconfirmed = new ArrayList<>();
        Set<OutPoint> spent = new HashSet<>();
        for (String txid : mempoolTxids()) {
            JsonNode tx;
            try {
                tx = rpc.call("getrawtransaction", txid, true);
            } catch (NodeRpcException e) {
                if (e.code() == RPC_INVALID_ADDRESS_OR_KEY) {
                    continue; // mined or evicted since getrawmempool; the UTXO scan shows the outcome
                }
                throw e;
            }
            for (JsonNode in : tx.path("vin")) {
                if (in.has("txid")) {
                    spent.add(outPoint(in.get("txid").asText(), in.path("vout").asLong()));
                }
            }
            for (JsonNode out : tx.path("vout")) {
                String script = out.path("scriptPubKey").path("hex").asText();
                Owned o = owned.get(script);
                if (o != null) {
                    unconfirmed.add(new WalletCoin(outPoint(txid, out.path("n").asLong()),
                            NodeRpcClient.toSatoshis(out.get("value")), Script.fromHex(script), o.path, o.address,
                            0, 0, false, false));
                    nextUnused[o.path.chain()] = Math.max(nextUnused[o.path.chain()], o.path.index() + 1);
                }
            }
        }
        return new WalletView(tip, markSpent(confirmed, spent), markSpent(unconfirmed, spent), nextUnused);
    }

    /** Core's verbose getrawmempool is an object keyed by txid; the plain form is an array. Both are read. */
    private List<String> mempoolTxids() {
        JsonNode pool = rpc.call("getrawmempool", true);
        List<String> txids = new ArrayList<>();
        if (pool.isObject()) {
            for (Iterator<String> it = pool.fieldNames(); it.hasNext(); ) {
                txids.add(it.next());
            }
        } else {
            pool.forEach(t -> txids.add(t.asText()));
        }
        return txids;
    }

    private static List<WalletCoin> markSpent(List<WalletCoin> coins, Set<OutPoint> spent) {
        List<WalletCoin> out = new ArrayList<>(coins.size());
        for (WalletCoin c : coins) {
            out.add(spent.contains(c.outpoint()) ? c.withSpentInMempool() : c);
        }
        return out;
    }

    private static OutPoint outPoint(String txid, long vout) {
        try {
            return new OutPoint(Hash256.fromHex(txid), vout);
        } catch (RuntimeException e) {
            throw new WalletException("node sent a malformed outpoint " + txid + ":" + vout);
        }
    }
}
