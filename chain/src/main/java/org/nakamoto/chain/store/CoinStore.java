package org.nakamoto.chain.store;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.iq80.leveldb.WriteBatch;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.utxo.Coin;
import org.nakamoto.chain.utxo.UtxoCache;
import org.nakamoto.chain.utxo.UtxoView;

/**
 * The UTXO set ({@code C} + txid + big-endian index) and the tip it belongs to ({@code M t}): the tip is
 * kept with the coins, as Bitcoin Core keeps its best block in the coins database, because the two are
 * only ever written together. Over the live database each read sees the latest write; over a
 * {@link StoreDatabase.Snapshot} every read sees the same instant, which is what {@link #stats()} needs.
 *
 * <p>Threads: stateless over its reads; reads from any thread, batches filled by the chain writer.
 */
final class CoinStore implements UtxoView {
    private final LevelDbReads reads;

    CoinStore(LevelDbReads reads) {
        this.reads = reads;
    }

    @Override
    public Coin get(OutPoint op) {
        byte[] raw = reads.get(StoreLayout.coinKey(op));
        return raw == null ? null : reads.parse(() -> Coin.parse(raw), "coin " + op);
    }

    /** The block this UTXO set is the result of, or null before the first tip is set. */
    Hash256 tip() {
        byte[] t = reads.get(StoreLayout.META_TIP);
        return t == null ? null : Hash256.wrap(t);
    }

    /** Every unspent coin, in key order. */
    void forEach(BiConsumer<OutPoint, Coin> action) {
        reads.forEachWithPrefix(StoreLayout.COIN,
                (k, v) -> action.accept(StoreLayout.coinKeyToOutPoint(k), reads.parse(() -> Coin.parse(v), "coin")));
    }

    /**
     * Walks the whole UTXO set in key order. The digest is SHA-256d over every (key, value) pair, so two
     * stores hold the same set exactly when their digests agree. Consistent only over a snapshot.
     */
    UtxoStats stats() {
        MessageDigest md = Hashes.newSha256();
        long[] totals = new long[3];
        reads.forEachWithPrefix(StoreLayout.COIN, (k, v) -> {
            md.update(k);
            md.update(v);
            Coin c = reads.parse(() -> Coin.parse(v), "coin");
            totals[0]++;
            totals[1] += c.output().value();
            totals[2] += k.length + v.length;
        });
        return new UtxoStats(totals[0], totals[1], Hash256.wrap(Hashes.sha256(md.digest())), totals[2]);
    }

    /** Adds a cache's changes to a batch: a null coin is a spend (delete), any other an insertion. */
    void apply(WriteBatch b, UtxoCache changes) {
        for (Map.Entry<OutPoint, Coin> e : changes.changes().entrySet()) {
            byte[] key = StoreLayout.coinKey(e.getKey());
            if (e.getValue() == null) {
                b.delete(key);
            } else {
                b.put(key, e.getValue().serialize());
            }
        }
    }

    void putTip(WriteBatch b, Hash256 tip) {
        b.put(StoreLayout.META_TIP, tip.toBytes());
    }

    /** The digest {@link #stats()} would give for a UTXO set held elsewhere (in memory). */
    static Hash256 digestOf(Map<OutPoint, Coin> coins) {
        TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
        coins.forEach((op, c) -> sorted.put(StoreLayout.coinKey(op), c.serialize()));
        MessageDigest md = Hashes.newSha256();
        sorted.forEach((k, v) -> {
            md.update(k);
            md.update(v);
        });
        return Hash256.wrap(Hashes.sha256(md.digest()));
    }
}
