package org.nakamoto.chain.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;

/**
 * Blocks whose parent is not known yet, bounded by count and by bytes; the oldest go first when full.
 * Not thread-safe: owned by the chain writer.
 */
final class OrphanBlocks {
    private final int maxCount;
    private final long maxBytes;
    private final LinkedHashMap<Hash256, Block> byHash = new LinkedHashMap<>();
    private long bytes;

    OrphanBlocks(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Adds an orphan; false if it was already held or is larger than the whole pool. */
    boolean add(Block b) {
        if (byHash.containsKey(b.hash()) || b.size() > maxBytes) {
            return false;
        }
        byHash.put(b.hash(), b);
        bytes += b.size();
        while (byHash.size() > maxCount || bytes > maxBytes) {
            var oldest = byHash.entrySet().iterator().next();
            bytes -= oldest.getValue().size();
            byHash.remove(oldest.getKey());
        }
        return true;
    }

    boolean contains(Hash256 hash) {
        return byHash.containsKey(hash);
    }

    /** Removes and returns the orphans whose parent is {@code parent}. */
    List<Block> takeChildrenOf(Hash256 parent) {
        List<Block> out = new ArrayList<>();
        var it = byHash.values().iterator();
        while (it.hasNext()) {
            Block b = it.next();
            if (b.header().prevHash().equals(parent)) {
                out.add(b);
                bytes -= b.size();
                it.remove();
            }
        }
        return out;
    }

    int size() {
        return byHash.size();
    }

    long bytes() {
        return bytes;
    }
}
