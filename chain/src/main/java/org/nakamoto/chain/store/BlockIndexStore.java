package org.nakamoto.chain.store;

import java.util.function.Consumer;
import org.iq80.leveldb.WriteBatch;
import org.nakamoto.chain.model.Hash256;

/**
 * Index records ({@code H} + hash): header, height, chain work and status of every known block.
 *
 * <p>Threads: stateless over the database; reads from any thread, batches filled by the chain writer.
 */
final class BlockIndexStore {
    private final LevelDbReads reads;

    BlockIndexStore(LevelDbReads reads) {
        this.reads = reads;
    }

    /** The record of {@code hash}, or null. */
    IndexRecord get(Hash256 hash) {
        byte[] raw = reads.get(StoreLayout.hashKey(StoreLayout.INDEX, hash));
        return raw == null ? null : reads.parse(() -> IndexRecord.parse(raw), "index record " + hash);
    }

    /** Every record, in key (hash) order. */
    void forEach(Consumer<IndexRecord> action) {
        reads.forEachWithPrefix(StoreLayout.INDEX,
                (k, v) -> action.accept(reads.parse(() -> IndexRecord.parse(v), "index record")));
    }

    void put(WriteBatch b, IndexRecord record) {
        b.put(StoreLayout.hashKey(StoreLayout.INDEX, record.header().hash()), record.serialize());
    }
}
