package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * Core's mempool calls (blockchain category in Core). Each call copies the mempool's entries once (the
 * mempool's own lock, held only for the copy) and computes parents, children, ancestors and descendants
 * from that copy.
 */
final class MempoolRpc {
    private final NodeContext ctx;

    MempoolRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(method("getmempoolinfo", "Returns details on the active state of the TX memory pool.")
                .result("{ \"loaded\", \"size\", \"bytes\", \"usage\", \"total_fee\", \"maxmempool\", \"mempoolminfee\", "
                        + "\"minrelaytxfee\", \"incrementalrelayfee\", \"unbroadcastcount\", \"fullrbf\" }")
                .example().handler(p -> info()).build());
        r.register(method("getrawmempool", "Returns all transaction ids in memory pool as a json array of string transaction ids.\n"
                + "Hint: use getmempoolentry to fetch a specific transaction from the mempool.")
                .param(RpcParam.optional("verbose", ParamType.BOOLEAN, BooleanNode.FALSE,
                        "True for a json object, false for array of transaction ids"))
                .param(RpcParam.optional("mempool_sequence", ParamType.BOOLEAN, BooleanNode.FALSE,
                        "If verbose=false, returns a json object with transaction list and mempool sequence number attached."))
                .result("[ \"txid\", ... ] or { \"txid\" : { getmempoolentry's fields }, ... } when verbose")
                .example("true")
                .handler(p -> rawMempool(p.getBoolean("verbose"), p.getBoolean("mempool_sequence"))).build());
        r.register(method("getmempoolentry", "Returns mempool data for given transaction")
                .param(RpcParam.required("txid", ParamType.HASH, "The transaction id (must be in mempool)"))
                .result("{ \"vsize\", \"weight\", \"time\", \"height\", \"descendantcount\", \"descendantsize\", \"ancestorcount\", "
                        + "\"ancestorsize\", \"wtxid\", \"fees\" : { \"base\", \"modified\", \"ancestor\", \"descendant\" }, \"depends\", "
                        + "\"spentby\", \"bip125-replaceable\", \"unbroadcast\" }")
                .example("\"mytxid\"")
                .handler(p -> entry(p.getHash("txid"))).build());
    }

    private static RpcMethod.Builder method(String name, String summary) {
        return RpcMethod.builder(name).category(RpcCategory.BLOCKCHAIN).summary(summary);
    }

    private ObjectNode info() {
        List<MempoolEntry> entries = ctx.mempool().entries();
        long bytes = 0;
        long fees = 0;
        for (MempoolEntry e : entries) {
            bytes += e.vsize(); // Core's "bytes": the sum of virtual sizes
            fees += e.fee();
        }
        long minRelay = ctx.mempool().policy().minRelayFeeSatPerKb();
        ObjectNode o = Json.object();
        o.put("loaded", true);
        o.put("size", entries.size());
        o.put("bytes", bytes);
        o.put("usage", bytes);
        o.put("total_fee", Json.coins(fees));
        o.put("maxmempool", ctx.mempool().policy().maxBytes());
        o.put("mempoolminfee", Json.coins(minRelay));
        o.put("minrelaytxfee", Json.coins(minRelay));
        o.put("incrementalrelayfee", Json.coins(minRelay));
        o.put("unbroadcastcount", 0);
        o.put("fullrbf", false);
        return o;
    }

    private Object rawMempool(boolean verbose, boolean sequence) {
        Graph g = new Graph(ctx.mempool().entries());
        if (verbose) {
            ObjectNode o = Json.object();
            g.byTxid.keySet().forEach(txid -> o.set(txid.toString(), g.json(txid)));
            return o;
        }
        ArrayNode ids = Json.array();
        g.byTxid.keySet().forEach(txid -> ids.add(txid.toString()));
        if (sequence) {
            ObjectNode o = Json.object();
            o.set("txids", ids);
            o.put("mempool_sequence", g.byTxid.values().stream().mapToLong(MempoolEntry::sequence).max().orElse(0));
            return o;
        }
        return ids;
    }

    private ObjectNode entry(Hash256 txid) throws RpcException {
        Graph g = new Graph(ctx.mempool().entries());
        if (!g.byTxid.containsKey(txid)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Transaction not in mempool");
        }
        return g.json(txid);
    }

    /** Parents and children within one copy of the pool. */
    private static final class Graph {
        final Map<Hash256, MempoolEntry> byTxid = new LinkedHashMap<>();
        final Map<Hash256, Set<Hash256>> parents = new HashMap<>();
        final Map<Hash256, Set<Hash256>> children = new HashMap<>();

        Graph(List<MempoolEntry> entries) {
            entries.forEach(e -> byTxid.put(e.tx().txid(), e));
            for (MempoolEntry e : entries) {
                Hash256 id = e.tx().txid();
                for (TxIn in : e.tx().inputs()) {
                    Hash256 p = in.prevout().txid();
                    if (byTxid.containsKey(p)) {
                        parents.computeIfAbsent(id, k -> new HashSet<>()).add(p);
                        children.computeIfAbsent(p, k -> new HashSet<>()).add(id);
                    }
                }
            }
        }

        Set<Hash256> closure(Hash256 start, Map<Hash256, Set<Hash256>> edges) {
            Set<Hash256> seen = new HashSet<>();
            Deque<Hash256> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                Hash256 x = todo.poll();
                if (seen.add(x)) {
                    todo.addAll(edges.getOrDefault(x, Set.of()));
                }
            }
            return seen; // includes start, as Core's counts do
        }

        ObjectNode json(Hash256 txid) {
            MempoolEntry e = byTxid.get(txid);
            Set<Hash256> anc = closure(txid, parents);
            Set<Hash256> desc = closure(txid, children);
            ObjectNode o = Json.object();
            o.put("vsize", e.vsize());
            o.put("weight", e.weight());
            o.put("time", e.timeSeconds());
            o.put("height", e.height());
            o.put("descendantcount", desc.size());
            o.put("descendantsize", size(desc));
            o.put("ancestorcount", anc.size());
            o.put("ancestorsize", size(anc));
            o.put("wtxid", e.tx().wtxid().toString());
            ObjectNode fees = o.putObject("fees");
            fees.put("base", Json.coins(e.fee()));
            fees.put("modified", Json.coins(e.fee()));
            fees.put("ancestor", Json.coins(fee(anc)));
            fees.put("descendant", Json.coins(fee(desc)));
            ArrayNode depends = o.putArray("depends");
            new ArrayList<>(parents.getOrDefault(txid, Set.of())).forEach(p -> depends.add(p.toString()));
            ArrayNode spentBy = o.putArray("spentby");
            new ArrayList<>(children.getOrDefault(txid, Set.of())).forEach(c -> spentBy.add(c.toString()));
            o.put("bip125-replaceable", false);
            o.put("unbroadcast", false);
            return o;
        }

        private long size(Set<Hash256> ids) {
            return ids.stream().mapToLong(i -> byTxid.get(i).vsize()).sum(); // Core: in vsize
        }

        private long fee(Set<Hash256> ids) {
            return ids.stream().mapToLong(i -> byTxid.get(i).fee()).sum();
        }
    }
}
