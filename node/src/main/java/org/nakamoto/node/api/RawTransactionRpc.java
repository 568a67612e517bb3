package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
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
 * Core's rawtransactions category. getrawtransaction works as Core's does without -txindex: it finds
 * mempool transactions, and confirmed ones only when given the block hash (nakamoto keeps no txindex).
 * sendrawtransaction runs the mempool's checks on the chain thread, then admits; the network layer relays
 * what the mempool admits.
 */
final class RawTransactionRpc {
    /** Core's DEFAULT_MAX_RAW_TX_FEE_RATE: 0.10 coins per kvB. */
    static final BigDecimal DEFAULT_MAX_FEE_RATE = new BigDecimal("0.10");
    private final NodeContext ctx;

    RawTransactionRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(method("getrawtransaction", "Return the raw transaction data.\n"
                + "By default, this call only returns a transaction if it is in the mempool. nakamoto keeps no transaction "
                + "index: to find a confirmed transaction, give the hash of the block that holds it.\n"
                + "If verbosity is 0 or omitted, returns the serialized transaction as a hex-encoded string.\n"
                + "If verbosity is 1, returns a JSON Object with information about the transaction.\n"
                + "If verbosity is 2, returns a JSON Object with information about the transaction, including fee and prevout "
                + "information (for a transaction in a block whose undo data is kept).")
                .param(RpcParam.required("txid", ParamType.HASH, "The transaction id"))
                .param(RpcParam.optional("verbose", ParamType.ANY, BooleanNode.FALSE,
                        "0 for hex-encoded data, 1 for a JSON object, and 2 for JSON object with fee and prevout (true = 1, false = 0)"))
                .param(RpcParam.optional("blockhash", ParamType.HASH, null, "The block in which to look for the transaction"))
                .result("\"data\" (string, verbose false) or { \"in_active_chain\", \"txid\", \"hash\", \"size\", \"vsize\", \"weight\", "
                        + "\"version\", \"locktime\", \"vin\" (with \"prevout\" at verbosity 2), \"vout\", \"fee\" (verbosity 2), \"hex\", "
                        + "\"blockhash\", \"confirmations\", \"time\", \"blocktime\" }")
                .example("\"mytxid\"", "true")
                .handler(p -> getRawTransaction(p.getHash("txid"), p.getAny("verbose"), p.getHash("blockhash"))).build());
        r.register(method("decoderawtransaction", "Return a JSON object representing the serialized, hex-encoded transaction.")
                .param(RpcParam.required("hexstring", ParamType.HEX, "The transaction hex string"))
                .result("{ \"txid\", \"hash\", \"size\", \"vsize\", \"weight\", \"version\", \"locktime\", \"vin\" : [ ... ], \"vout\" : [ ... ] }")
                .example("\"hexstring\"")
                .handler(p -> TxJson.decode(decodeTx(p.getHex("hexstring")), ctx.params())).build());
        r.register(method("decodescript", "Decode a hex-encoded script.")
                .param(RpcParam.required("hexstring", ParamType.HEX, "the hex-encoded script"))
                .result("{ \"asm\", \"desc\", \"type\", \"address\" (when there is one), \"p2sh\" (when it may be wrapped), "
                        + "\"segwit\" : { \"asm\", \"desc\", \"hex\", \"address\", \"type\", \"p2sh-segwit\" } (when it may be wrapped in a witness program) }")
                .example("\"hexstring\"")
                .handler(p -> DecodeScript.decode(Script.of(p.getHex("hexstring")), ctx.params())).build());
        r.register(method("sendrawtransaction", "Submit a raw transaction (serialized, hex-encoded) to local node and network.")
                .param(RpcParam.required("hexstring", ParamType.HEX, "The hex string of the raw transaction"))
                .param(RpcParam.optional("maxfeerate", ParamType.AMOUNT, new DecimalNode(DEFAULT_MAX_FEE_RATE),
                        "Reject transactions whose fee rate is higher than the specified value, expressed in coins/kvB. Set to 0 to accept any fee rate."))
                .result("\"hex\"    (string) The transaction hash in hex")
                .example("\"signedhex\"")
                .handler(p -> send(decodeTx(p.getHex("hexstring")), p.getAmount("maxfeerate"))).build());
        r.register(method("testmempoolaccept", "Returns result of mempool acceptance tests indicating if raw transaction(s) "
                + "(serialized, hex-encoded) would be accepted by mempool.\nThis checks if transactions violate the consensus "
                + "or policy rules. Each transaction is tested alone against the current mempool.")
                .param(RpcParam.required("rawtxs", ParamType.ARRAY, "An array of hex strings of raw transactions (1 to 25)"))
                .param(RpcParam.optional("maxfeerate", ParamType.AMOUNT, new DecimalNode(DEFAULT_MAX_FEE_RATE),
                        "Reject transactions whose fee rate is higher than the specified value, expressed in coins/kvB"))
                .result("[ { \"txid\", \"wtxid\", \"allowed\", \"vsize\", \"fees\" : { \"base\" }, \"reject-reason\" }, ... ]")
                .example("'[\"signedhex\"]'")
                .handler(p -> testAccept(p.getArray("rawtxs"), p.getAmount("maxfeerate"))).build());
    }

    private static RpcMethod.Builder method(String name, String summary) {
        return RpcMethod.builder(name).category(RpcCategory.RAWTRANSACTIONS).summary(summary);
    }

    static Transaction decodeTx(byte[] raw) throws RpcException {
        try {
            return Transaction.parse(raw);
        } catch (ParseException | IllegalArgumentException e) {
            throw new RpcException(RpcErrorCode.RPC_DESERIALIZATION_ERROR, "TX decode failed");
        }
    }

    private Object getRawTransaction(Hash256 txid, JsonNode verboseArg, Hash256 blockHash) throws RpcException {
        int verbosity = BlockchainRpc.verbosity(verboseArg == null ? BooleanNode.FALSE : verboseArg);
        boolean verbose = verbosity > 0;
        if (blockHash == null) {
            MempoolEntry e = ctx.mempool().get(txid);
            if (e == null) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "No such mempool transaction. Use -txindex "
                        + "or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.");
            }
            return verbose ? TxJson.withHex(e.tx(), ctx.params()) : Hex.encode(e.tx().serialize());
        }
        BlockNode n = ctx.chain().node(blockHash);
        if (n == null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block hash not found");
        }
        Block b = ctx.chain().block(blockHash);
        if (b == null) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "Block not available");
        }
        int index = 0;
        while (index < b.transactions().size() && !b.transactions().get(index).txid().equals(txid)) {
            index++;
        }
        if (index == b.transactions().size()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
                    "No such transaction found in the provided block. Use gettransaction for wallet transactions.");
        }
        Transaction tx = b.transactions().get(index);
        if (!verbose) {
            return Hex.encode(tx.serialize());
        }
        ActiveChain active = ctx.chain().activeChain();
        ObjectNode o = Json.object();
        o.put("in_active_chain", active.contains(n));
        // Verbosity 2: fee and prevouts from the block's undo data, as Core (none for a coinbase, or without undo data).
        List<Coin> spent = verbosity >= 2 && !tx.isCoinbase()
                ? TxJson.spentPerTransaction(b, ctx.chain().undo(blockHash)).get(index) : null;
        o.setAll(TxJson.withHex(tx, ctx.params(), spent, spent != null));
        o.put("blockhash", blockHash.toString());
        int conf = BlockchainRpc.confirmations(active, n);
        o.put("confirmations", Math.max(conf, 0));
        o.put("time", n.header().time());
        o.put("blocktime", n.header().time());
        return o;
    }

    private Object send(Transaction tx, Amount maxFeeRate) throws Exception {
        // The writer task answers in chain terms (a ValidationException, or FeeRateTooHigh from the fee
        // gate); RPC errors are made here, on the RPC thread, never inside the chain writer.
        try {
            return WriterCalls.await(ctx.mempoolWriter().submit(pool -> {
                if (pool.contains(tx.txid())) {
                    return tx.txid(); // Core answers a resubmission with the txid
                }
                // One admission: an orphan is refused rather than kept, as Core's RPC does, and the fee rate
                // is checked after every other rule but before the pool changes, so the scripts run once.
                pool.acceptLocal(tx, (fee, size) -> {
                    if (feeRateTooHigh(fee, size, maxFeeRate)) {
                        throw new FeeRateTooHigh();
                    }
                });
                return tx.txid();
            }));
        } catch (ValidationException e) {
            throw TxErrors.rejected(e);
        } catch (FeeRateTooHigh e) {
            throw new RpcException(RpcErrorCode.RPC_VERIFY_ERROR,
                    "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
        }
    }

    /** The fee gate's refusal inside the writer task, in chain terms; {@link #send} makes Core's -25 of it. */
    private static final class FeeRateTooHigh extends Exception {
        FeeRateTooHigh() {
            super(null, null, false, false);
        }
    }

    private static boolean feeRateTooHigh(long fee, int size, Amount maxFeeRate) {
        return maxFeeRate.sat() > 0 && fee * 1000 > maxFeeRate.sat() * (long) size;
    }

    private ArrayNode testAccept(ArrayNode rawTxs, Amount maxFeeRate) throws Exception {
        if (rawTxs.isEmpty() || rawTxs.size() > 25) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Array must contain between 1 and 25 transactions.");
        }
        ArrayNode out = Json.array();
        for (JsonNode raw : rawTxs) {
            if (!raw.isTextual() || !raw.textValue().matches("([0-9a-fA-F]{2})+")) {
                throw new RpcException(RpcErrorCode.RPC_DESERIALIZATION_ERROR, "TX decode failed");
            }
            Transaction tx = decodeTx(Hex.decode(raw.textValue()));
            ObjectNode o = out.addObject();
            o.put("txid", tx.txid().toString());
            o.put("wtxid", tx.wtxid().toString());
            try {
                Mempool.TestResult accepted = WriterCalls.await(ctx.mempoolWriter().submit(pool -> pool.test(tx)));
                long fee = accepted.fee();
                if (feeRateTooHigh(fee, (int) accepted.vsize(), maxFeeRate)) {
                    o.put("allowed", false);
                    o.put("reject-reason", "max-fee-exceeded");
                    continue;
                }
                o.put("allowed", true);
                o.put("vsize", accepted.vsize());
                o.putObject("fees").put("base", Json.coins(fee));
            } catch (ValidationException e) {
                o.put("allowed", false);
                o.put("reject-reason", e.reason() == RejectReason.TX_ALREADY_KNOWN ? "txn-already-in-mempool" : TxErrors.reason(e));
            }
        }
        return out;
    }
}
