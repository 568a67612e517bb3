package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.store.BlockStatus;
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
 * Core's blockchain category (chain, blocks, headers, tips; UTXO queries are in {@link UtxoRpc}). Readers
 * take one {@link ActiveChain} snapshot per call; invalidateblock and reconsiderblock run on the chain thread.
 */
final class BlockchainRpc {
    /** Core's DEFAULT_MAX_TIP_AGE: a tip older than this means initial block download. */
    private static final long MAX_TIP_AGE_SECONDS = 24 * 60 * 60;
    private final NodeContext ctx;

    BlockchainRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(method("getblockchaininfo", "Returns an object containing various state info regarding blockchain processing.")
                .result("{ \"chain\", \"blocks\", \"headers\", \"bestblockhash\", \"bits\", \"target\", \"difficulty\", \"time\", "
                        + "\"mediantime\", \"verificationprogress\", \"initialblockdownload\", \"chainwork\", \"size_on_disk\", "
                        + "\"pruned\", \"warnings\" }    (json object)")
                .example().handler(p -> blockchainInfo()).build());
        r.register(method("getblockcount", "Returns the height of the most-work fully-validated chain.\nThe genesis block has height 0.")
                .result("n    (numeric) The current block count").example().handler(p -> ctx.chain().tip().height()).build());
        r.register(method("getbestblockhash", "Returns the hash of the best (tip) block in the most-work fully-validated chain.")
                .result("\"hex\"    (string) the block hash, hex-encoded").example()
                .handler(p -> ctx.chain().tip().hash()).build());
        r.register(method("getblockhash", "Returns hash of block in best-block-chain at height provided.")
                .param(RpcParam.required("height", ParamType.NUMBER, "The height index"))
                .result("\"hex\"    (string) The block hash").example("1000")
                .handler(p -> activeAt(p.getInt("height")).hash()).build());
        r.register(method("getblock", "If verbosity is 0, returns a string that is serialized, hex-encoded data for block 'hash'.\n"
                + "If verbosity is 1, returns an Object with information about block <hash>.\n"
                + "If verbosity is 2, returns an Object with information about block <hash> and information about each transaction.\n"
                + "If verbosity is 3, returns an Object with information about block <hash> and information about each transaction, including prevout information for inputs.")
                .param(RpcParam.required("blockhash", ParamType.HASH, "The block hash"))
                .param(RpcParam.optional("verbosity", ParamType.ANY, IntNode.valueOf(1),
                        "0 for hex-encoded data, 1 for a JSON object, 2 for JSON object with transaction data, and 3 for JSON object with transaction data including prevout information for inputs (true = 1, false = 0)"))
                .result("\"hex\" (verbosity 0) or { \"hash\", \"confirmations\", \"size\", \"strippedsize\", \"weight\", \"height\", "
                        + "\"version\", \"versionHex\", \"merkleroot\", \"tx\", \"time\", \"mediantime\", \"nonce\", \"bits\", \"target\", "
                        + "\"difficulty\", \"chainwork\", \"nTx\", \"previousblockhash\", \"nextblockhash\" }; at verbosity 2 each tx is "
                        + "decoderawtransaction's object with \"fee\" (not for the coinbase) and \"hex\", at 3 each input also has \"prevout\" "
                        + "{ \"generated\", \"height\", \"value\", \"scriptPubKey\" }")
                .example("\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\"")
                .handler(p -> getBlock(p.getHash("blockhash"), verbosity(p.getAny("verbosity")))).build());
        r.register(method("getblockheader", "If verbose is false, returns a string that is serialized, hex-encoded data for blockheader 'hash'.\n"
                + "If verbose is true, returns an Object with information about blockheader <hash>.")
                .param(RpcParam.required("blockhash", ParamType.HASH, "The block hash"))
                .param(RpcParam.optional("verbose", ParamType.BOOLEAN, BooleanNode.TRUE, "true for a json object, false for the hex-encoded data"))
                .result("{ \"hash\", \"confirmations\", \"height\", \"version\", \"versionHex\", \"merkleroot\", \"time\", \"mediantime\", "
                        + "\"nonce\", \"bits\", \"target\", \"difficulty\", \"chainwork\", \"nTx\", \"previousblockhash\", \"nextblockhash\" } "
                        + "or \"hex\" when verbose is false")
                .example("\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\"")
                .handler(p -> getBlockHeader(p.getHash("blockhash"), p.getBoolean("verbose"))).build());
        r.register(method("getchaintips", "Return information about all known tips in the block tree, including the main chain as well as orphaned branches.")
                .result("[ { \"height\", \"hash\", \"branchlen\", \"status\" (invalid, headers-only, valid-headers, valid-fork, active) }, ... ]")
                .example().handler(p -> chainTips()).build());
        r.register(method("getdifficulty", "Returns the proof-of-work difficulty as a multiple of the minimum difficulty (bits 0x1d00ffff).")
                .result("n.nnn    (numeric) the proof-of-work difficulty").example()
                .handler(p -> Json.difficulty(ctx.chain().tip().header().bits())).build());
        r.register(method("invalidateblock", "Permanently marks a block as invalid, as if it violated a consensus rule.")
                .param(RpcParam.required("blockhash", ParamType.HASH, "the hash of the block to mark as invalid"))
                .result("null    (json null)").example("\"blockhash\"")
                .handler(p -> onChain(p.getHash("blockhash"), true)).build());
        r.register(method("reconsiderblock", "Removes invalidity status of a block, its ancestors and its descendants, reconsider them for activation.\n"
                + "This can be used to undo the effects of invalidateblock.")
                .param(RpcParam.required("blockhash", ParamType.HASH, "the hash of the block to reconsider"))
                .result("null    (json null)").example("\"blockhash\"")
                .handler(p -> onChain(p.getHash("blockhash"), false)).build());
    }

    private static RpcMethod.Builder method(String name, String summary) {
        return RpcMethod.builder(name).category(RpcCategory.BLOCKCHAIN).summary(summary);
    }

    private ObjectNode blockchainInfo() {
        ActiveChain active = ctx.chain().activeChain();
        BlockNode tip = active.tip();
        int headers = Math.max(ctx.chain().bestHeader().height(), tip.height());
        ObjectNode o = Json.object();
        o.put("chain", chainName(ctx.params().name()));
        o.put("blocks", tip.height());
        o.put("headers", headers);
        o.put("bestblockhash", tip.hash().toString());
        o.put("bits", Json.bitsHex(tip.header().bits()));
        o.put("target", Json.hex256(CompactTarget.decode(tip.header().bits()).value()));
        o.put("difficulty", Json.difficulty(tip.header().bits()));
        o.put("time", tip.header().time());
        o.put("mediantime", MedianTimePast.of(tip.ancestry()));
        o.put("verificationprogress", headers == 0 ? 1.0 : Math.min(1.0, (double) tip.height() / headers));
        o.put("initialblockdownload", isInitialDownload(tip, headers));
        o.put("chainwork", Json.hex256(tip.chainWork()));
        o.put("size_on_disk", sizeOnDisk(ctx.chain().storeDirectory()));
        o.put("pruned", false);
        o.put("warnings", "");
        return o;
    }

    /** Core's names: main, test, regtest; other params files keep their own name. */
    static String chainName(String network) {
        return switch (network) {
            case "mainnet" -> "main";
            case "testnet" -> "test";
            default -> network;
        };
    }

    boolean isInitialDownload(BlockNode tip, int headers) {
        long now = System.currentTimeMillis() / 1000;
        return tip.header().time() < now - MAX_TIP_AGE_SECONDS || headers > tip.height() + 6;
    }

    private static long sizeOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private BlockNode activeAt(int height) throws RpcException {
        BlockNode n = ctx.chain().activeChain().at(height);
        if (n == null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Block height out of range");
        }
        return n;
    }

    private BlockNode known(Hash256 hash) throws RpcException {
        BlockNode n = ctx.chain().node(hash);
        if (n == null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block not found");
        }
        return n;
    }

    static int verbosity(JsonNode v) throws RpcException {
        if (v == null || v.isNull()) {
            return 1;
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Expected type number or bool for verbosity, got "
                + org.nakamoto.node.rpc.ParamType.jsonTypeName(v));
    }

    private Object getBlock(Hash256 hash, int verbosity) throws RpcException {
        BlockNode n = known(hash);
        byte[] raw = ctx.chain().blockBytes(hash);
        if (raw == null) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "Block not available (not fully downloaded)");
        }
        if (verbosity <= 0) {
            return Hex.encode(raw);
        }
        Block block = Block.parse(raw);
        ActiveChain active = ctx.chain().activeChain();
        ObjectNode o = Json.object();
        o.put("hash", hash.toString());
        o.put("confirmations", confirmations(active, n));
        o.put("size", block.size());
        o.put("strippedsize", block.strippedSize());
        o.put("weight", block.weight());
        headerFields(o, n, active, block.transactions().size());
        ArrayNode tx = Json.array();
        // Core reads the undo data for verbosity 2 and 3: fees for both, each input's prevout for 3.
        List<List<Coin>> spent = verbosity >= 2 ? TxJson.spentPerTransaction(block, ctx.chain().undo(hash)) : null;
        for (int i = 0; i < block.transactions().size(); i++) {
            Transaction t = block.transactions().get(i);
            tx.add(verbosity >= 2 ? TxJson.withHex(t, ctx.params(), spent.get(i), verbosity >= 3) : TextNode.valueOf(t.txid().toString()));
        }
        // Core's order: ... merkleroot, tx, time ...; Jackson keeps insertion order, so rebuild around "tx".
        ObjectNode ordered = Json.object();
        o.fields().forEachRemaining(e -> {
            ordered.set(e.getKey(), e.getValue());
            if (e.getKey().equals("merkleroot")) {
                ordered.set("tx", tx);
            }
        });
        return ordered;
    }

    private Object getBlockHeader(Hash256 hash, boolean verbose) throws RpcException {
        BlockNode n = known(hash);
        if (!verbose) {
            return Hex.encode(n.header().serialize());
        }
        ActiveChain active = ctx.chain().activeChain();
        ObjectNode o = Json.object();
        o.put("hash", hash.toString());
        o.put("confirmations", confirmations(active, n));
        int nTx = 0;
        if (n.hasData()) {
            Block b = ctx.chain().block(hash);
            nTx = b == null ? 0 : b.transactions().size();
        }
        headerFields(o, n, active, nTx);
        return o;
    }

    private static void headerFields(ObjectNode o, BlockNode n, ActiveChain active, int nTx) {
        BlockHeader h = n.header();
        o.put("height", n.height());
        o.put("version", h.version());
        o.put("versionHex", String.format("%08x", h.version()));
        o.put("merkleroot", h.merkleRoot().toString());
        o.put("time", h.time());
        o.put("mediantime", MedianTimePast.of(n.ancestry()));
        o.put("nonce", h.nonce());
        o.put("bits", Json.bitsHex(h.bits()));
        o.put("target", Json.hex256(CompactTarget.decode(h.bits()).value()));
        o.put("difficulty", Json.difficulty(h.bits()));
        o.put("chainwork", Json.hex256(n.chainWork()));
        o.put("nTx", nTx);
        if (n.parent() != null) {
            o.put("previousblockhash", n.parent().hash().toString());
        }
        if (active.contains(n)) {
            BlockNode next = active.at(n.height() + 1);
            if (next != null) {
                o.put("nextblockhash", next.hash().toString());
            }
        }
    }

    static int confirmations(ActiveChain active, BlockNode n) {
        return active.contains(n) ? active.height() - n.height() + 1 : -1;
    }

    private ArrayNode chainTips() {
        ActiveChain active = ctx.chain().activeChain();
        java.util.Set<BlockNode> tips = new java.util.LinkedHashSet<>();
        tips.add(active.tip());
        tips.addAll(ctx.chain().leaves());
        ArrayNode out = Json.array();
        tips.stream().sorted((a, b) -> Integer.compare(b.height(), a.height())).forEach(t -> {
            BlockNode fork = active.findFork(t);
            ObjectNode o = out.addObject();
            o.put("height", t.height());
            o.put("hash", t.hash().toString());
            o.put("branchlen", t.height() - fork.height());
            o.put("status", tipStatus(t, active));
        });
        return out;
    }

    private static String tipStatus(BlockNode t, ActiveChain active) {
        if (active.contains(t)) {
            return "active";
        }
        if (t.isFailed()) {
            return "invalid";
        }
        for (BlockNode n = t; n != null && !active.contains(n); n = n.parent()) {
            if (!n.hasData()) {
                return "headers-only";
            }
        }
        return BlockStatus.has(t.status(), BlockStatus.VALID) ? "valid-fork" : "valid-headers";
    }

    private Object onChain(Hash256 hash, boolean invalidate) throws Exception {
        known(hash);
        try {
            WriterCalls.await(invalidate ? ctx.writer().invalidate(hash) : ctx.writer().reconsider(hash));
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.getMessage());
        }
        return null;
    }
}
