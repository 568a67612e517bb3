package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;

/**
 * One inventory vector: a type (uint32 LE) and a hash. Every type value decodes; types this node does not
 * serve (filtered and compact blocks) are simply not {@link #isKnown()}. Transactions and blocks come in
 * the legacy types, the BIP144 witness types (getdata only: "send it with its witness") and BIP339's
 * MSG_WTX (a transaction named by its wtxid, always served with its witness).
 */
public record InvItem(int type, Hash256 hash) {
    public static final int SIZE = 4 + Hash256.LENGTH;

    public static final int MSG_TX = 1;
    public static final int MSG_BLOCK = 2;
    public static final int MSG_FILTERED_BLOCK = 3;
    public static final int MSG_CMPCT_BLOCK = 4;
    /** BIP144: set on a type to ask for witness serialization. */
    public static final int MSG_WITNESS_FLAG = 1 << 30;
    public static final int MSG_WITNESS_TX = MSG_TX | MSG_WITNESS_FLAG;
    public static final int MSG_WITNESS_BLOCK = MSG_BLOCK | MSG_WITNESS_FLAG;
    /** BIP339: a transaction named by its wtxid. */
    public static final int MSG_WTX = 5;

    public InvItem {
        if (hash == null) {
            throw new IllegalArgumentException("hash is required");
        }
    }

    public static InvItem tx(Hash256 txid) {
        return new InvItem(MSG_TX, txid);
    }

    public static InvItem block(Hash256 blockHash) {
        return new InvItem(MSG_BLOCK, blockHash);
    }

    public static InvItem wtx(Hash256 wtxid) {
        return new InvItem(MSG_WTX, wtxid);
    }

    /** A getdata for a block, with its witnesses if {@code witness}. */
    public static InvItem blockRequest(Hash256 blockHash, boolean witness) {
        return new InvItem(witness ? MSG_WITNESS_BLOCK : MSG_BLOCK, blockHash);
    }

    /** A block in any form: MSG_BLOCK or MSG_WITNESS_BLOCK. */
    public boolean isAnyBlock() {
        return type == MSG_BLOCK || type == MSG_WITNESS_BLOCK;
    }

    /** A transaction in any form: MSG_TX, MSG_WITNESS_TX or MSG_WTX. */
    public boolean isAnyTx() {
        return type == MSG_TX || type == MSG_WITNESS_TX || type == MSG_WTX;
    }

    /** Whether the item asks for (or names) the witness serialization: the witness types and MSG_WTX. */
    public boolean wantsWitness() {
        return (type & MSG_WITNESS_FLAG) != 0 || type == MSG_WTX;
    }

    public boolean isTx() {
        return type == MSG_TX;
    }

    public boolean isBlock() {
        return type == MSG_BLOCK;
    }

    /** True for the types this node exchanges: legacy, witness and wtxid transactions and blocks. */
    public boolean isKnown() {
        return isAnyTx() || isAnyBlock();
    }

    public static InvItem read(ByteReader r) {
        int type = r.readInt32LE();
        return new InvItem(type, Hash256.read(r));
    }

    public void write(ByteWriter w) {
        w.writeInt32LE(type);
        hash.write(w);
    }

    @Override
    public String toString() {
        String name = switch (type) {
            case MSG_TX -> "tx";
            case MSG_BLOCK -> "block";
            case MSG_WITNESS_TX -> "witness-tx";
            case MSG_WITNESS_BLOCK -> "witness-block";
            case MSG_WTX -> "wtx";
            default -> "type 0x" + Integer.toHexString(type);
        };
        return name + " " + hash;
    }
}
