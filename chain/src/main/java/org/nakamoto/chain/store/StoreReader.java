package org.nakamoto.chain.store;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.UtxoView;

/**
 * The reads of a {@link ChainStore}, and nothing that writes: what chain state hands out to readers
 * (the mempool, {@code ChainView}, RPC), so that only the code that opened the store, and gave it to
 * the chain writer, can change it.
 *
 * <p>Threads: every method may be called from any thread; use {@link #snapshot()} for a consistent view
 * over several reads.
 */
public interface StoreReader {
    Path directory();

    /** The stored tip, or null for a store that has connected nothing yet. */
    Hash256 tip();

    /** The index record of a block, or null. */
    IndexRecord index(Hash256 hash);

    /** Every index record, in key order. */
    void forEachIndex(Consumer<IndexRecord> action);

    /** A stored block body, or null. */
    Block block(Hash256 hash);

    /** A stored block body as sent on the wire, or null. */
    byte[] blockBytes(Hash256 hash);

    /** The undo data of a connected block, or null. */
    BlockUndo undo(Hash256 hash);

    /** The UTXO set as it is now: each read sees the latest write. */
    UtxoView utxo();

    /** A consistent read-only view of the UTXO set and tip as of now; close it when done. */
    ChainStore.StoreSnapshot snapshot();
}
