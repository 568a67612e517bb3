package org.nakamoto.chain.store;

import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;

/**
 * The LevelDB key schema, in one place (documented in docs/storage.md). Every key starts with a
 * one-byte prefix; hashes are in internal byte order; output indexes are big-endian so that a
 * transaction's outputs sort together and in order.
 */
final class StoreLayout {
    static final int SCHEMA_VERSION = 1;

    static final byte META = 'M';
    static final byte INDEX = 'H';
    static final byte BODY = 'B';
    static final byte UNDO = 'U';
    static final byte COIN = 'C';

    static final byte[] META_SCHEMA = {META, 's'};
    static final byte[] META_GENESIS = {META, 'g'};
    static final byte[] META_TIP = {META, 't'};
    /** Present while a --reindex is under way: the index and UTXO set are being rebuilt (empty value). */
    static final byte[] META_REINDEX = {META, 'r'};

    private StoreLayout() {
    }

    static byte[] hashKey(byte prefix, Hash256 hash) {
        byte[] k = new byte[33];
        k[0] = prefix;
        hash.copyTo(k, 1);
        return k;
    }

    static byte[] coinKey(OutPoint op) {
        byte[] k = new byte[37];
        k[0] = COIN;
        op.txid().copyTo(k, 1);
        long i = op.index();
        k[33] = (byte) (i >>> 24);
        k[34] = (byte) (i >>> 16);
        k[35] = (byte) (i >>> 8);
        k[36] = (byte) i;
        return k;
    }

    static OutPoint coinKeyToOutPoint(byte[] k) {
        byte[] h = new byte[32];
        System.arraycopy(k, 1, h, 0, 32);
        long i = (k[33] & 0xffL) << 24 | (k[34] & 0xffL) << 16 | (k[35] & 0xffL) << 8 | (k[36] & 0xffL);
        return new OutPoint(Hash256.wrap(h), i);
    }
}
