package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;

/**
 * One inventory vector: a type (uint32 LE) and a hash. Every type value decodes; types this node does not
 * serve (filtered and compact blocks, the segwit MSG_WITNESS_* variants) are simply not {@link #isKnown()}.
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

    public boolean isTx() {
        return type == MSG_TX;
    }

    public boolean isBlock() {
        return type == MSG_BLOCK;
    }

    /** True for the two types a legacy (pre-segwit) node exchanges. */
    public boolean isKnown() {
        return isTx() || isBlock();
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
            default -> "type 0x" + Integer.toHexString(type);
        };
        return name + " " + hash;
    }
}
