package org.nakamoto.p2p;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Addresses that misbehaved (Core's BanMan::Discourage): not banned, and never written to disk, but
 * inbound connections from them are accepted only while an inbound slot is free, they are the first
 * evicted, and we do not dial them. Bounded: past {@value #CAPACITY} addresses the oldest is forgotten,
 * as Core's rolling bloom filter forgets; cleared with the bans (clearbanned).
 *
 * <p>Confined to the network context.
 */
final class Discouraged {
    static final int CAPACITY = 20_000;

    private final Map<String, Boolean> hosts = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    void add(String host) {
        hosts.put(host, Boolean.TRUE);
    }

    boolean contains(String host) {
        return hosts.containsKey(host);
    }

    void clear() {
        hosts.clear();
    }

    int size() {
        return hosts.size();
    }
}
