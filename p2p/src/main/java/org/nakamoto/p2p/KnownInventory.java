package org.nakamoto.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nakamoto.chain.model.Hash256;

/**
 * Hashes a peer is known to have (it announced or sent them, or we announced them to it), so nothing is
 * announced twice to the same peer. Bounded: the oldest entries are forgotten first, which at worst
 * costs a redundant announcement. Confined to the network context (not thread-safe).
 */
final class KnownInventory {
    private final LinkedHashMap<Hash256, Boolean> hashes;

    KnownInventory(int capacity) {
        this.hashes = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash256, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the hash; true if it was not known before. */
    boolean add(Hash256 h) {
        return hashes.put(h, Boolean.TRUE) == null;
    }

    boolean contains(Hash256 h) {
        return hashes.containsKey(h);
    }

    int size() {
        return hashes.size();
    }
}
