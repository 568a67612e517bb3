package org.nakamoto.p2p;

import java.util.concurrent.ThreadLocalRandom;
import org.nakamoto.chain.model.Hash256;

/**
 * Hashes a peer is known to have (it announced or sent them, or we announced them to it), so nothing is
 * announced twice to the same peer. Bounded: the oldest entries are forgotten first, which at worst
 * costs a redundant announcement.
 *
 * <p>Compact, as Core's rolling bloom filter: each hash is kept as a salted 64-bit fingerprint in a ring
 * (insertion order) and an open-addressing table, 24 bytes an entry instead of about 135 for a map of
 * {@link Hash256}; 50,000 entries cost 1.2 MB rather than 6.8 MB per peer. Both arrays grow by doubling,
 * so an idle connection costs a few hundred bytes. A fingerprint collision (one in 2^64 per pair, and the
 * salt is per peer so it cannot be aimed) only skips an announcement.
 *
 * <p>Confined to the network context (not thread-safe).
 */
final class KnownInventory {
    private static final long EMPTY = 0;

    private final int capacity;
    private final long salt = ThreadLocalRandom.current().nextLong() | 1;
    private long[] ring;
    private int head;
    private int size;
    private long[] table = new long[32];

    KnownInventory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.ring = new long[Math.min(16, capacity)]; // grows to exactly capacity, which the eviction needs
    }

    /** Records the hash; true if it was not known before. */
    boolean add(Hash256 h) {
        long f = fingerprint(h);
        if (slotOf(f) >= 0) {
            return false;
        }
        if (size == capacity) {
            remove(ring[head]);
            ring[head] = f;
            head = (head + 1) % ring.length;
        } else {
            if (size == ring.length) {
                growRing();
            }
            ring[(head + size) % ring.length] = f;
            size++;
            if (size * 2 > table.length) {
                rehash(table.length * 2);
            }
        }
        insert(f);
        return true;
    }

    boolean contains(Hash256 h) {
        return slotOf(fingerprint(h)) >= 0;
    }

    int size() {
        return size;
    }

    private long fingerprint(Hash256 h) {
        byte[] b = h.toBytes();
        long x = salt;
        for (int i = 0; i < 32; i += 8) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w = w << 8 | (b[i + j] & 0xffL);
            }
            x = mix(x ^ w);
        }
        return x == EMPTY ? 1 : x;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private int home(long f) {
        return (int) (f ^ (f >>> 32)) & (table.length - 1);
    }

    private int slotOf(long f) {
        int mask = table.length - 1;
        for (int i = home(f); table[i] != EMPTY; i = (i + 1) & mask) {
            if (table[i] == f) {
                return i;
            }
        }
        return -1;
    }

    private void insert(long f) {
        int mask = table.length - 1;
        int i = home(f);
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = f;
    }

    /** Linear-probing deletion by backward shift: no tombstones, so lookups stay short. */
    private void remove(long f) {
        int i = slotOf(f);
        if (i < 0) {
            return;
        }
        int mask = table.length - 1;
        table[i] = EMPTY;
        for (int j = (i + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            long g = table[j];
            int k = home(g);
            // g may move to the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                table[i] = g;
                table[j] = EMPTY;
                i = j;
            }
        }
    }

    private void growRing() {
        long[] bigger = new long[Math.min(ring.length * 2, capacity)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    private void rehash(int length) {
        long[] old = table;
        table = new long[length];
        for (long f : old) {
            if (f != EMPTY) {
                insert(f);
            }
        }
    }
}
