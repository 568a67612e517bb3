package org.nakamoto.chain.store;

import org.iq80.leveldb.WriteBatch;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.utxo.BlockUndo;

/**
 * Undo data ({@code U} + hash): the coins a connected block spent, so that disconnecting it can restore
 * them. Present exactly while the block is connected.
 *
 * <p>Threads: stateless over the database; reads from any thread, batches filled by the chain writer.
 */
final class UndoStore {
    private final LevelDbReads reads;

    UndoStore(LevelDbReads reads) {
        this.reads = reads;
    }

    /** The undo data of a connected block, or null. */
    BlockUndo get(Hash256 hash) {
        byte[] raw = reads.get(StoreLayout.hashKey(StoreLayout.UNDO, hash));
        return raw == null ? null : reads.parse(() -> BlockUndo.parse(raw), "undo data " + hash);
    }

    void put(WriteBatch b, Hash256 hash, BlockUndo undo) {
        b.put(StoreLayout.hashKey(StoreLayout.UNDO, hash), undo.serialize());
    }

    void delete(WriteBatch b, Hash256 hash) {
        b.delete(StoreLayout.hashKey(StoreLayout.UNDO, hash));
    }
}
