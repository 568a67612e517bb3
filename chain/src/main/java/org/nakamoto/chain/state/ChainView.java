package org.nakamoto.chain.state;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.store.ChainStore;

/**
 * Read-only access to chain state, for anyone (RPC handlers, the network layer, the miner): the active
 * chain, block lookup, block bodies, the best header, store snapshots and event subscription. Holds no
 * mutator and cannot be turned into one (a final class around the state, not an interface ChainState
 * implements), so code that holds only a view cannot write: btcd's {@code BestSnapshot()} made a type.
 *
 * <p>Thread-safe without locks: everything it reads is an immutable snapshot, a volatile field, a
 * concurrent map or LevelDB (see {@link ChainState}).
 */
public final class ChainView {
    private final ChainState chain;

    ChainView(ChainState chain) {
        this.chain = chain;
    }

    public NetworkParams params() {
        return chain.params();
    }

    public ActiveChain activeChain() {
        return chain.activeChain();
    }

    public BlockNode tip() {
        return chain.tip();
    }

    /** The best valid header known (never behind the tip). */
    public BlockNode bestHeader() {
        return chain.bestHeader();
    }

    /** A block tree node by hash, or null. */
    public BlockNode node(Hash256 hash) {
        return chain.node(hash);
    }

    public Collection<BlockNode> allNodes() {
        return chain.allNodes();
    }

    /** The blocks no other known block builds on: Bitcoin Core's chain tips. */
    public List<BlockNode> leaves() {
        return chain.leaves();
    }

    /** The stored body of a block, or null. */
    public Block block(Hash256 hash) {
        return chain.block(hash);
    }

    /** The stored body of a block as sent on the wire, or null. */
    public byte[] blockBytes(Hash256 hash) {
        return chain.store().blockBytes(hash);
    }

    /** The coins a connected block spent (its undo data), or null: what getblock's fees and prevouts show. */
    public BlockUndo undo(Hash256 hash) {
        return chain.store().undo(hash);
    }

    /** A consistent read-only view of the UTXO set and its tip; close it. */
    public ChainStore.StoreSnapshot snapshot() {
        return chain.store().snapshot();
    }

    /** The store's directory (for size on disk). */
    public Path storeDirectory() {
        return chain.store().directory();
    }

    /** Blocks waiting for a parent. */
    public int orphanCount() {
        return chain.orphanCount();
    }

    /** The one ordered channel of chain and mempool events. */
    public ChainEvents events() {
        return chain.events();
    }
}
