package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;

/**
 * A transaction as Core's decoderawtransaction shows it (TxToUniv): txid, hash (the wtxid), version, size
 * (with witnesses), vsize and weight (BIP141), locktime, vin (with txinwitness when an input has one), vout.
 */
final class TxJson {
    private TxJson() {
    }

    static ObjectNode decode(Transaction tx, NetworkParams params) {
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
        return o;
    }

    /** decode() plus "hex", as getrawtransaction verbose and getblock verbosity 2 show it. */
    static ObjectNode withHex(Transaction tx, NetworkParams params) {
        ObjectNode o = decode(tx, params);
        o.put("hex", Hex.encode(tx.serialize()));
        return o;
    }
}
