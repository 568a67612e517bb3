package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * UTXO queries of Core's blockchain category: gettxout, gettxoutsetinfo, scantxoutset. Each reads one
 * LevelDB snapshot of the store, so tip and coins agree even while the chain thread connects blocks.
 *
 * <p>gettxoutsetinfo's {@code hash_serialized_3} is nakamoto's UTXO digest (SHA-256d over the store's coin
 * keys and values in key order): it identifies a UTXO set between nakamoto nodes but is not the number
 * Core would print for the same set, whose serialization differs.
 */
final class UtxoRpc {
    private final NodeContext ctx;
    /** Core allows one scan at a time. */
    private final AtomicBoolean scanning = new AtomicBoolean();

    UtxoRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(method("gettxout", "Returns details about an unspent transaction output.")
                .param(RpcParam.required("txid", ParamType.HASH, "The transaction id"))
                .param(RpcParam.required("n", ParamType.NUMBER, "vout number"))
                .param(RpcParam.optional("include_mempool", ParamType.BOOLEAN, BooleanNode.TRUE,
                        "Whether to include the mempool. Note that an unspent output that is spent in the mempool won't appear."))
                .result("null if not found, else { \"bestblock\", \"confirmations\", \"value\", \"scriptPubKey\" : { \"asm\", \"desc\", "
                        + "\"hex\", \"address\", \"type\" }, \"coinbase\" }")
                .example("\"txid\"", "1")
                .handler(p -> txOut(p.getHash("txid"), p.getLong("n"), p.getBoolean("include_mempool"))).build());
        r.register(method("gettxoutsetinfo", "Returns statistics about the unspent transaction output set.\nNote this call may take some time.")
                .param(RpcParam.optional("hash_type", ParamType.STRING, TextNode.valueOf("hash_serialized_3"),
                        "Which UTXO set hash should be calculated. Options: 'hash_serialized_3' (nakamoto's UTXO digest), 'none'."))
                .result("{ \"height\", \"bestblock\", \"txouts\", \"bogosize\", \"hash_serialized_3\", \"total_amount\", "
                        + "\"transactions\", \"disk_size\" }")
                .example().handler(p -> txOutSetInfo(p.getString("hash_type"))).build());
        r.register(method("scantxoutset", "Scans the unspent transaction output set for entries that match certain output descriptors.\n"
                + "Supported descriptors: addr(<address>), raw(<hex script>), pk(<pubkey>), pkh(<pubkey>), wpkh(<pubkey>), "
                + "sh(wpkh(<pubkey>)), tr(<pubkey>) and rawtr(<pubkey>), where <pubkey> is a hex key or an xpub/xprv with a "
                + "path, possibly ranged (\"/*\"), each optionally followed by #checksum.")
                .param(RpcParam.required("action", ParamType.STRING,
                        "The action to execute: \"start\" for starting a scan, \"abort\" for aborting the current scan "
                        + "(returns true when abort was successful), \"status\" for progress report (in %) of the current scan"))
                .param(RpcParam.optional("scanobjects", ParamType.ARRAY, null,
                        "Array of scan objects: descriptor strings, or objects {\"desc\": descriptor, \"range\": n or [begin,end] "
                        + "(default 1000)}. Required for \"start\""))
                .result("{ \"success\", \"txouts\", \"height\", \"bestblock\", \"unspents\" : [ { \"txid\", \"vout\", \"scriptPubKey\", "
                        + "\"desc\", \"amount\", \"coinbase\", \"height\", \"blockhash\", \"confirmations\" } ], \"total_amount\" }")
                .example("start", "[\"addr(Nabc...)\"]")
                .handler(p -> scan(p.getString("action"), p.getArray("scanobjects"))).build());
    }

    private static RpcMethod.Builder method(String name, String summary) {
        return RpcMethod.builder(name).category(RpcCategory.BLOCKCHAIN).summary(summary);
    }

    private Object txOut(Hash256 txid, long n, boolean includeMempool) throws RpcException {
        if (n < 0 || n > 0xffffffffL) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid vout number");
        }
        OutPoint op = new OutPoint(txid, n);
        Coin coin;
        Hash256 tipHash;
        try (ChainStore.StoreSnapshot snap = ctx.chain().snapshot()) {
            coin = snap.get(op);
            tipHash = snap.tip();
        }
        BlockNode tip = ctx.chain().node(tipHash);
        if (includeMempool) {
            if (ctx.mempool().spender(op) != null) {
                return NullNode.instance;
            }
            if (coin == null) {
                MempoolEntry e = ctx.mempool().get(txid);
                if (e == null || n >= e.tx().outputs().size()) {
                    return NullNode.instance;
                }
                return coinJson(tipHash, 0, e.tx().outputs().get((int) n), false);
            }
        }
        if (coin == null) {
            return NullNode.instance;
        }
        return coinJson(tipHash, tip.height() - coin.height() + 1, coin.output(), coin.coinbase());
    }

    private ObjectNode coinJson(Hash256 best, int confirmations, TxOut out, boolean coinbase) {
        ObjectNode o = Json.object();
        o.put("bestblock", best.toString());
        o.put("confirmations", confirmations);
        o.put("value", Json.coins(out.value()));
        o.set("scriptPubKey", ScriptJson.scriptPubKey(out.scriptPubKey(), ctx.params()));
        o.put("coinbase", coinbase);
        return o;
    }

    private ObjectNode txOutSetInfo(String hashType) throws RpcException {
        if (!hashType.equals("hash_serialized_3") && !hashType.equals("none")) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, hashType + " is not a valid hash_type");
        }
        try (ChainStore.StoreSnapshot snap = ctx.chain().snapshot()) {
            long[] counts = new long[3]; // txouts, bogosize, total
            Set<Hash256> txids = new HashSet<>();
            snap.forEachCoin((op, c) -> {
                counts[0]++;
                counts[1] += 50 + c.output().scriptPubKey().length();
                counts[2] += c.output().value();
                txids.add(op.txid());
            });
            BlockNode tip = ctx.chain().node(snap.tip());
            ObjectNode o = Json.object();
            o.put("height", tip.height());
            o.put("bestblock", tip.hash().toString());
            o.put("txouts", counts[0]);
            o.put("bogosize", counts[1]);
            if (hashType.equals("hash_serialized_3")) {
                o.put("hash_serialized_3", snap.utxoStats().digest().toString());
            }
            o.put("total_amount", Json.coins(counts[2]));
            o.put("transactions", txids.size());
            o.put("disk_size", 0);
            return o;
        }
    }

    /**
     * Core's EvalDescriptorStringOrObject: a descriptor string, or {"desc", "range"} (range read first; positions 0 to
     * 1000 when a ranged descriptor has none), each script named as Core's scantxoutset names it (the first name
     * wins when two descriptors give the same script, as Core's map keeps it).
     */
    private void expand(JsonNode o, Map<Script, String> into) throws RpcException {
        if (!o.isTextual() && !o.isObject()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Scan object needs to be either a string or an object");
        }
        DescriptorRange range = new DescriptorRange(0, 1000);
        if (o.isObject()) {
            if (o.path("desc").isMissingNode() || o.path("desc").isNull()) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Descriptor needs to be provided in scan object");
            }
            if (!o.path("desc").isTextual()) {
                throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON value of type " + ParamType.jsonTypeName(o.get("desc"))
                        + " is not of expected type string");
            }
            if (!o.path("range").isMissingNode() && !o.path("range").isNull()) {
                range = DescriptorRange.parse(o.get("range"));
            }
        }
        String text = o.isTextual() ? o.textValue() : o.get("desc").textValue();
        Descriptor d = Descriptors.parseDescriptor(text, ctx.params(), false);
        if (!d.isRange()) {
            range = new DescriptorRange(0, 0);
        }
        for (long i = range.begin(); i <= range.end(); i++) {
            try {
                into.putIfAbsent(d.script(i), DescriptorChecksum.append(d.inferred(i, ctx.params())));
            } catch (DescriptorKey.CannotDeriveException e) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
                        "Cannot derive script without private keys: '" + text + "'");
            }
        }
    }

    private Object scan(String action, ArrayNode objects) throws RpcException {
        switch (action) {
            case "status":
                return NullNode.instance; // scans are synchronous: none is ever in progress for another caller to watch
            case "abort":
                return BooleanNode.FALSE;
            case "start":
                break;
            default:
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid action '" + action + "'");
        }
        if (objects == null) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "scanobjects argument is required for the start action");
        }
        Map<Script, String> wanted = new HashMap<>();
        for (JsonNode o : objects) {
            expand(o, wanted);
        }
        if (!scanning.compareAndSet(false, true)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Scan already in progress, use action \"abort\" or \"status\"");
        }
        try (ChainStore.StoreSnapshot snap = ctx.chain().snapshot()) {
            BlockNode tip = ctx.chain().node(snap.tip());
            var active = ctx.chain().activeChain();
            long[] scanned = new long[2];
            ArrayNode unspents = Json.array();
            snap.forEachCoin((op, c) -> {
                scanned[0]++;
                String desc = wanted.get(c.output().scriptPubKey());
                if (desc == null) {
                    return;
                }
                scanned[1] += c.output().value();
                ObjectNode u = unspents.addObject();
                u.put("txid", op.txid().toString());
                u.put("vout", op.index());
                u.put("scriptPubKey", Hex.encode(c.output().scriptPubKey().unsafeBytes()));
                u.put("desc", desc);
                u.put("amount", Json.coins(c.output().value()));
                u.put("coinbase", c.coinbase());
                u.put("height", c.height());
                u.put("confirmations", tip.height() - c.height() + 1); // Core v25+
                // The snapshot's tip is normally the active tip: an array lookup; else walk down from it.
                BlockNode at = active.contains(tip) ? active.at(c.height()) : tip.ancestor(c.height());
                if (at != null) {
                    u.put("blockhash", at.hash().toString());
                }
            });
            ObjectNode out = Json.object();
            out.put("success", true);
            out.put("txouts", scanned[0]);
            out.put("height", tip.height());
            out.put("bestblock", tip.hash().toString());
            out.set("unspents", unspents);
            out.put("total_amount", Json.coins(scanned[1]));
            return out;
        } finally {
            scanning.set(false);
        }
    }
}
