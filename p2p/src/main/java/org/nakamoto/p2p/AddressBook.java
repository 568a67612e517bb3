package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Addresses of other nodes: learned from addr messages, configured, or seeded from the params, with
 * what is needed to dial them politely (exponential backoff after failures). Bounded: past capacity the
 * entry seen longest ago is dropped, found in O(log n) through {@link #byAge}, an index ordered by
 * (lastSeenSeconds, insertion order) that every change of lastSeenSeconds keeps in step. Persisted as
 * peers.txt ("host port services lastSeenSeconds").
 *
 * <p>Concurrency: confined to the network context (entries and byAge are plain collections touched
 * only there); saving hands an immutable text to a worker.
 */
final class AddressBook {
    /** One known address and its dialling history. */
    static final class Entry {
        final NetAddress address;
        /** Insertion order: breaks ties between equal lastSeenSeconds in {@link #byAge}. */
        final long seq;
        long services;
        long lastSeenSeconds;
        int failures;
        long nextAttemptAt;
        /** Dialling it reached this very node. */
        boolean self;

        Entry(NetAddress address, long seq, long services, long lastSeenSeconds) {
            this.address = address;
            this.seq = seq;
            this.services = services;
            this.lastSeenSeconds = lastSeenSeconds;
        }
    }

    private final int capacity;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final Map<NetAddress, Entry> entries = new LinkedHashMap<>();
    /** The same entries, oldest lastSeenSeconds first: eviction takes the first in O(log n). */
    private final TreeSet<Entry> byAge = new TreeSet<>(
            Comparator.<Entry>comparingLong(e -> e.lastSeenSeconds).thenComparingLong(e -> e.seq));
    private long nextSeq;
    private final Random random = new Random();
    private boolean dirty;

    AddressBook(int capacity, long baseDelayMillis, long maxDelayMillis) {
        this.capacity = capacity;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Adds or refreshes an address; returns true if it was new. */
    boolean add(NetAddress a, long services, long seenSeconds) {
        Entry e = entries.get(a);
        if (e != null) {
            if (seenSeconds > e.lastSeenSeconds) {
                setLastSeen(e, seenSeconds);
                e.services = services;
                dirty = true;
            }
            return false;
        }
        if (entries.size() >= capacity) {
            evictOldest();
        }
        Entry added = new Entry(a, nextSeq++, services, seenSeconds);
        entries.put(a, added);
        byAge.add(added);
        dirty = true;
        return true;
    }

    /** Changes the sort key of {@code e}, keeping {@link #byAge} ordered. */
    private void setLastSeen(Entry e, long seconds) {
        byAge.remove(e);
        e.lastSeenSeconds = seconds;
        byAge.add(e);
    }

    private void evictOldest() {
        Entry oldest = byAge.pollFirst();
        if (oldest != null) {
            entries.remove(oldest.address);
        }
    }

    Entry get(NetAddress a) {
        return entries.get(a);
    }

    int size() {
        return entries.size();
    }

    /** A dial failed (or the connection died before the handshake): back off exponentially. */
    void markFailure(NetAddress a, long now) {
        Entry e = entries.get(a);
        if (e == null) {
            return;
        }
        e.failures = Math.min(e.failures + 1, 30);
        long delay = Math.min(maxDelayMillis, baseDelayMillis << Math.min(e.failures - 1, 20));
        e.nextAttemptAt = now + delay;
    }

    /** A handshake completed: the address is good. */
    void markSuccess(NetAddress a, long nowSeconds) {
        Entry e = entries.get(a);
        if (e != null) {
            e.failures = 0;
            e.nextAttemptAt = 0;
            setLastSeen(e, Math.max(e.lastSeenSeconds, nowSeconds));
            dirty = true;
        }
    }

    /** A connection that had worked went away: wait the base delay before redialling. */
    void markDisconnected(NetAddress a, long now) {
        Entry e = entries.get(a);
        if (e != null) {
            e.nextAttemptAt = Math.max(e.nextAttemptAt, now + baseDelayMillis);
        }
    }

    void markSelf(NetAddress a) {
        Entry e = entries.get(a);
        if (e != null) {
            e.self = true;
        }
    }

    boolean isDue(NetAddress a, long now) {
        Entry e = entries.get(a);
        return e == null || (!e.self && e.nextAttemptAt <= now);
    }

    /** Addresses due for a dial, in random order, excluding those {@code skip} rejects. */
    List<NetAddress> dialCandidates(long now, Predicate<NetAddress> skip) {
        List<NetAddress> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.self && e.nextAttemptAt <= now && !skip.test(e.address)) {
                out.add(e.address);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** Up to {@code n} entries picked at random, for a getaddr answer. */
    List<Entry> sample(int n) {
        List<Entry> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.self) {
                all.add(e);
            }
        }
        Collections.shuffle(all, random);
        return all.subList(0, Math.min(n, all.size()));
    }

    String takeDirtyText() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        StringBuilder sb = new StringBuilder("# nakamoto address book: host port services lastSeenSeconds\n");
        for (Entry e : entries.values()) {
            if (!e.self) {
                sb.append(e.address.host()).append(' ').append(e.address.port()).append(' ')
                        .append(e.services).append(' ').append(e.lastSeenSeconds).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Reads peers.txt. With {@code loopbackOnly} (P2pConfig.dialLearnedAddresses off), addresses that are
     * not loopback are skipped: a file written by a node that dialled learned addresses must not make
     * this one dial them. Configured addresses are added again by the caller anyway.
     */
    void load(String text, boolean loopbackOnly) {
        if (text == null) {
            return;
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] f = line.strip().split(" ");
                NetAddress a = new NetAddress(f[0], Integer.parseInt(f[1]));
                if (!loopbackOnly || a.isLoopback()) {
                    add(a, Long.parseLong(f[2]), Long.parseLong(f[3]));
                }
            } catch (RuntimeException skipped) {
                // a damaged line costs that one address
            }
        }
        dirty = false;
    }

    Iterator<Entry> iterator() {
        return entries.values().iterator();
    }
}
