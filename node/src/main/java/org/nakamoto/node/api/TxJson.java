package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;

/**
 * A transaction as Core's decoderawtransaction shows it (TxToUniv): txid, hash (the wtxid), version, size
 * (with witnesses), vsize and weight (BIP141), locktime, vin (with txinwitness when an input has one), vout.
 */
final class TxJson {
    private TxJson() {
    }

    static ObjectNode decode(Transaction tx, NetworkParams params) {
        return decode(tx, params, null, false);
    }

    /**
     * TxToUniv with the coins the transaction spent (from the block's undo data, in input order; null when
     * unknown): then a non-coinbase transaction shows its {@code fee}, and with {@code prevouts} each input its
     * {@code prevout} (generated, height, value, scriptPubKey), as getblock verbosity 3 does.
     */
    static ObjectNode decode(Transaction tx, NetworkParams params, List<Coin> spent, boolean prevouts) {
        ObjectNode o = Json.object();
        o.put("txid", tx.txid().toString());
        o.put("hash", tx.wtxid().toString());
        o.put("version", tx.version());
        o.put("size", tx.size());
        o.put("vsize", tx.vsize());
        o.put("weight", tx.weight());
        o.put("locktime", tx.lockTime());
        ArrayNode vin = o.putArray("vin");
        for (TxIn in : tx.inputs()) {
            ObjectNode i = vin.addObject();
            if (tx.isCoinbase()) {
                i.put("coinbase", Hex.encode(in.scriptSig().unsafeBytes()));
            } else {
                i.put("txid", in.prevout().txid().toString());
                i.put("vout", in.prevout().index());
                i.set("scriptSig", ScriptJson.scriptSig(in.scriptSig()));
            }
            if (!in.witness().isEmpty()) {
                ArrayNode w = i.putArray("txinwitness");
                for (byte[] item : in.witness().items()) {
                    w.add(Hex.encode(item));
                }
            }
            if (prevouts && spent != null && !tx.isCoinbase()) {
                Coin c = spent.get(vin.size() - 1);
                ObjectNode p = i.putObject("prevout");
                p.put("generated", c.coinbase());
                p.put("height", c.height());
                p.put("value", Json.coins(c.output().value()));
                p.set("scriptPubKey", ScriptJson.scriptPubKey(c.output().scriptPubKey(), params));
            }
            i.put("sequence", in.sequence());
        }
        ArrayNode vout = o.putArray("vout");
        int n = 0;
        for (TxOut out : tx.outputs()) {
            ObjectNode v = vout.addObject();
            v.put("value", Json.coins(out.value()));
            v.put("n", n++);
            v.set("scriptPubKey", ScriptJson.scriptPubKey(out.scriptPubKey(), params));
        }
        if (spent != null && !tx.isCoinbase()) {
            long in = spent.stream().mapToLong(c -> c.output().value()).sum();
            long out = tx.outputs().stream().mapToLong(TxOut::value).sum();
            o.put("fee", Json.coins(in - out));
        }
        return o;
    }

    /**
     * The coins each transaction of a block spent, split from the block's undo data (which lists them input by
     * input, coinbase excluded); null for the coinbase, and for every transaction when there is no undo data.
     */
    static List<List<Coin>> spentPerTransaction(Block block, BlockUndo undo) {
        List<List<Coin>> out = new ArrayList<>(block.transactions().size());
        int from = 0;
        for (Transaction t : block.transactions()) {
            if (undo == null || t.isCoinbase()) {
                out.add(null);
                continue;
            }
            out.add(undo.spent().subList(from, from + t.inputs().size()));
            from += t.inputs().size();
        }
        return out;
    }

    /** decode() plus "hex", as getrawtransaction verbose shows it. */
    static ObjectNode withHex(Transaction tx, NetworkParams params) {
        return withHex(tx, params, null, false);
    }

    /** decode(tx, params, spent, prevouts) plus "hex", as getblock verbosity 2 and 3 show it. */
    static ObjectNode withHex(Transaction tx, NetworkParams params, List<Coin> spent, boolean prevouts) {
        ObjectNode o = decode(tx, params, spent, prevouts);
        o.put("hex", Hex.encode(tx.serialize()));
        return o;
    }
}
