package org.nakamoto.chain.store;

import org.iq80.leveldb.WriteBatch;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;

/**
 * Block bodies ({@code B} + hash), in Bitcoin's wire format, so a peer's request is served as stored.
 *
 * <p>Threads: stateless over the database; reads from any thread, batches filled by the chain writer.
 */
final class BlockBodyStore {
    private final LevelDbReads reads;

    BlockBodyStore(LevelDbReads reads) {
        this.reads = reads;
    }

    /** The parsed block, or null. */
    Block get(Hash256 hash) {
        byte[] raw = bytes(hash);
        return raw == null ? null : reads.parse(() -> Block.parse(raw), "block " + hash);
    }

    /** The block as stored (and as sent on the wire), or null. */
    byte[] bytes(Hash256 hash) {
        return reads.get(StoreLayout.hashKey(StoreLayout.BODY, hash));
    }

    void put(WriteBatch b, Block block) {
        b.put(StoreLayout.hashKey(StoreLayout.BODY, block.hash()), block.serialize());
    }
}
