package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.consensus.WitnessCommitment;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.node.NodeContext;
import org.nakamoto.miner.BlockTemplate;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * Core's mining and generating categories, over the miner module (through {@link
 * org.nakamoto.node.mining.LocalMiner}). generatetoaddress searches on one thread while the RPC worker
 * waits (fast at regtest difficulty); found and submitted blocks are applied on the chain thread.
 */
final class MiningRpc {
    /** Placeholder payout for getblocktemplate: the caller builds its own coinbase. */
    private static final Script ANYONE = Script.of(new byte[] {0x51});
    private final NodeContext ctx;

    MiningRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(RpcMethod.builder("getmininginfo").category(RpcCategory.MINING)
                .summary("Returns a json object containing mining-related information, including the built-in miner's "
                        + "state (generate, genproclimit, hashespersec, as older Bitcoin Core had).")
                .result("{ \"blocks\", \"currentblockweight\", \"currentblocktx\", \"difficulty\", \"networkhashps\", \"pooledtx\", "
                        + "\"chain\", \"warnings\", \"generate\", \"genproclimit\", \"hashespersec\" }")
                .example().handler(p -> miningInfo()).build());
        r.register(RpcMethod.builder("getnetworkhashps").category(RpcCategory.MINING)
                .summary("Returns the estimated network hashes per second based on the last n blocks.\n"
                        + "Pass in [blocks] to override # of blocks, -1 specifies since last difficulty change.\n"
                        + "Pass in [height] to estimate the network speed at the time when a certain block was found.")
                .param(RpcParam.optional("nblocks", ParamType.NUMBER, IntNode.valueOf(120),
                        "The number of previous blocks to calculate estimate from, or -1 for blocks since last difficulty change."))
                .param(RpcParam.optional("height", ParamType.NUMBER, IntNode.valueOf(-1),
                        "To estimate at the time of the given height."))
                .result("x             (numeric) Hashes per second estimated")
                .example().handler(p -> networkHashPs(p.getInt("nblocks"), p.getInt("height"))).build());
        r.register(RpcMethod.builder("generatetoaddress").category(RpcCategory.GENERATING)
                .summary("Mine blocks immediately to a specified address (before the RPC call returns)")
                .param(RpcParam.required("nblocks", ParamType.NUMBER, "How many blocks are generated."))
                .param(RpcParam.required("address", ParamType.STRING, "The address to send the newly generated coins to."))
                .param(RpcParam.optional("maxtries", ParamType.NUMBER, IntNode.valueOf(1_000_000),
                        "How many iterations to try."))
                .result("[ \"hex\", ... ]    (json array) hashes of blocks generated")
                .example("11", "\"myaddress\"")
                .handler(p -> generate(p.getInt("nblocks"), p.getString("address"), p.getLong("maxtries"))).build());
        r.register(RpcMethod.builder("submitblock").category(RpcCategory.MINING)
                .summary("Attempts to submit new block to network.\nSee https://en.bitcoin.it/wiki/BIP_0022 for full specification.")
                .param(RpcParam.required("hexdata", ParamType.HEX, "the hex-encoded block data to submit"))
                .param(RpcParam.optional("dummy", ParamType.STRING, null, "dummy value, for compatibility with BIP22. This value is ignored."))
                .result("null if accepted, else a string: \"duplicate\", \"duplicate-invalid\", \"inconclusive\" or the rejection reason")
                .example("\"mydata\"")
                .handler(p -> submit(p.getHex("hexdata"))).build());
        r.register(RpcMethod.builder("getblocktemplate").category(RpcCategory.MINING)
                .summary("Returns data needed to construct a block to work on (BIP22/BIP23). The coinbase is left to the caller: "
                        + "coinbasevalue says what it may claim.")
                .param(RpcParam.optional("template_request", ParamType.OBJECT, null,
                        "Format of the template: {\"mode\": \"template\", \"capabilities\": [...], \"rules\": [...]}"))
                .result("{ \"capabilities\", \"version\", \"rules\", \"vbavailable\", \"vbrequired\", \"previousblockhash\", "
                        + "\"transactions\" : [ { \"data\", \"txid\", \"hash\", \"depends\", \"fee\", \"sigops\", \"weight\" } ], "
                        + "\"coinbaseaux\", \"coinbasevalue\", \"longpollid\", \"target\", \"mintime\", \"mutable\", \"noncerange\", "
                        + "\"sigoplimit\", \"sizelimit\", \"weightlimit\", \"curtime\", \"bits\", \"height\" }")
                .example("'{\"rules\": [\"segwit\"]}'")
                .handler(p -> template(p.getObject("template_request"))).build());
    }

    private ObjectNode miningInfo() {
        BlockNode tip = ctx.chain().tip();
        ObjectNode o = Json.object();
        o.put("blocks", tip.height());
        Block b = ctx.chain().block(tip.hash());
        if (b != null) {
            o.put("currentblockweight", 4L * b.size());
            o.put("currentblocktx", b.transactions().size() - 1);
        }
        o.put("difficulty", Json.difficulty(tip.header().bits()));
        o.put("networkhashps", networkHashPs(120, -1));
        o.put("pooledtx", ctx.mempool().size());
        o.put("chain", BlockchainRpc.chainName(ctx.params().name()));
        o.put("warnings", "");
        o.put("generate", ctx.miner().isMining());
        o.put("genproclimit", ctx.miner().isMining() ? ctx.miner().threads() : ctx.config().minerThreads());
        o.put("hashespersec", Math.round(ctx.miner().hashesPerSecond()));
        return o;
    }

    /** Core's GetNetworkHashPS. */
    private double networkHashPs(int nblocks, int height) {
        ActiveChain active = ctx.chain().activeChain();
        BlockNode pb = height >= 0 && height < active.height() ? active.at(height) : active.tip();
        if (pb == null || pb.height() == 0) {
            return 0;
        }
        int n = nblocks <= 0 ? pb.height() % ctx.params().retargetInterval() + 1 : nblocks;
        n = Math.min(n, pb.height());
        long min = pb.header().time();
        long max = min;
        BlockNode p0 = pb;
        for (int i = 0; i < n; i++) {
            p0 = p0.parent();
            min = Math.min(min, p0.header().time());
            max = Math.max(max, p0.header().time());
        }
        if (min == max) {
            return 0;
        }
        BigInteger work = pb.chainWork().subtract(p0.chainWork());
        return work.doubleValue() / (max - min);
    }

    private Object generate(int nblocks, String address, long maxTries) throws Exception {
        Addresses.Destination a;
        try {
            a = Addresses.parse(address, ctx.params());
        } catch (ParseException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
        }
        if (nblocks < 0) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "nblocks must be non-negative");
        }
        if (maxTries < 0) {
            // Core reads maxtries into an unsigned integer, so -1 silently means "try for ever"; refuse instead.
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "maxtries must be 0 or positive, not " + maxTries);
        }
        if (maxTries == 0) {
            return Json.array(); // Core: no tries, no blocks
        }
        List<Hash256> hashes = ctx.miner().generate(nblocks, a.scriptPubKey(), maxTries);
        ArrayNode out = Json.array();
        hashes.forEach(h -> out.add(h.toString()));
        return out;
    }

    private Object submit(byte[] raw) throws Exception {
        Block block;
        try {
            block = Block.parse(raw);
        } catch (ParseException | IllegalArgumentException e) {
            throw new RpcException(RpcErrorCode.RPC_DESERIALIZATION_ERROR, "Block decode failed");
        }
        if (block.transactions().isEmpty() || !block.transactions().get(0).isCoinbase()) {
            throw new RpcException(RpcErrorCode.RPC_DESERIALIZATION_ERROR, "Block does not start with a coinbase");
        }
        ChainView chain = ctx.chain();
        try {
            ChainState.Acceptance a = WriterCalls.await(ctx.writer().acceptBlock(block));
            return switch (a) {
                case ACCEPTED -> chain.node(block.hash()) != null && chain.activeChain().contains(chain.node(block.hash()))
                        ? null : "inconclusive";
                case DUPLICATE -> "duplicate";
                case ORPHAN -> "inconclusive";
            };
        } catch (ValidationException e) {
            return e.reason() == RejectReason.DUPLICATE_BLOCK ? "duplicate-invalid" : e.rejectString();
        }
    }

    private ObjectNode template(ObjectNode request) throws Exception {
        if (request != null && request.has("mode") && !"template".equals(request.path("mode").asText())) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid mode");
        }
        BlockTemplate t = ctx.miner().templates().build(ANYONE);
        Map<Hash256, Long> fees = new HashMap<>();
        ctx.mempool().entries().forEach(e -> fees.put(e.tx().txid(), e.fee()));
        ObjectNode o = Json.object();
        o.putArray("capabilities").add("proposal");
        o.put("version", t.version());
        // BIP9/BIP145 rules the template follows; "!segwit" because a client that ignores segwit
        // would build invalid blocks from it, and "taproot", as Core's answer once segwit is active.
        o.putArray("rules").add("csv").add("!segwit").add("taproot");
        o.putObject("vbavailable");
        o.put("vbrequired", 0);
        o.put("previousblockhash", t.prevHash().toString());
        Map<Hash256, Long> sigOpCosts = new HashMap<>();
        ctx.mempool().entries().forEach(e -> sigOpCosts.put(e.tx().txid(), (long) e.sigOpCost()));
        Map<Hash256, Integer> index = new HashMap<>();
        ArrayNode txs = o.putArray("transactions");
        int i = 1;
        for (Transaction tx : t.transactions()) {
            index.put(tx.txid(), i++);
            ObjectNode j = txs.addObject();
            j.put("data", Hex.encode(tx.serialize()));
            j.put("txid", tx.txid().toString());
            j.put("hash", tx.wtxid().toString());
            ArrayNode deps = j.putArray("depends");
            for (TxIn in : tx.inputs()) {
                Integer d = index.get(in.prevout().txid());
                if (d != null) {
                    deps.add(d);
                }
            }
            j.put("fee", fees.getOrDefault(tx.txid(), 0L));
            j.put("sigops", sigOpCosts.getOrDefault(tx.txid(), 0L));
            j.put("weight", tx.weight());
        }
        // BIP145: the coinbase output committing to the template's witnesses (with the default 32 zero
        // byte reserved value), offered always, as Core does once segwit is active.
        List<Transaction> withCoinbase = new java.util.ArrayList<>();
        withCoinbase.add(t.coinbase(0));
        withCoinbase.addAll(t.transactions());
        o.put("default_witness_commitment",
                WitnessCommitment.script(WitnessCommitment.commitmentFor(withCoinbase)).toString());
        o.putObject("coinbaseaux");
        o.put("coinbasevalue", t.subsidy() + t.fees());
        o.put("longpollid", t.prevHash() + Long.toString(ctx.mempool().size()));
        o.put("target", Json.hex256(t.target()));
        BlockNode parent = ctx.chain().node(t.prevHash());
        o.put("mintime", MedianTimePast.of(parent.ancestry()) + 1);
        o.putArray("mutable").add("time").add("transactions").add("prevblock");
        o.put("noncerange", "00000000ffffffff");
        o.put("sigoplimit", ctx.params().maxBlockSigOpsCost());
        o.put("sizelimit", ctx.params().maxBlockWeight());
        o.put("weightlimit", ctx.params().maxBlockWeight());
        o.put("curtime", t.time());
        o.put("bits", Json.bitsHex(t.bits()));
        o.put("height", t.height());
        return o;
    }
}
