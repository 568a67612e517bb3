package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Hash256;

/** The pure parts of the p2p limits: the compact known-inventory set and the eviction choice. */
class NetLimitsTest {
    @Test
    void knownInventoryForgetsExactlyTheOldestAndKeepsTheRest() {
        int capacity = 1_000;
        KnownInventory known = new KnownInventory(capacity);
        ArrayDeque<Hash256> window = new ArrayDeque<>();
        Random random = new Random(5);
        List<Hash256> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            Hash256 h = Hash256.wrap(b);
            all.add(h);
            assertTrue(known.add(h));
            assertFalse(known.add(h), "second add");
            window.addLast(h);
            if (window.size() > capacity) {
                window.removeFirst();
            }
            if (i % 997 == 0) {
                for (Hash256 w : window) {
                    assertTrue(known.contains(w), "kept");
                }
                assertFalse(known.contains(all.get(Math.max(0, i - capacity - 5))) && i > capacity + 5, "forgotten");
            }
        }
        assertEquals(capacity, known.size());
    }

    @Test
    void evictionTakesTheYoungestOfTheLargestGroupAndSparesTheProtected() {
        List<InboundEviction.Candidate> c = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            c.add(candidate(i, "10.0.0." + i, 1_000 + i, false, false));
        }
        for (int i = 30; i < 34; i++) {
            c.add(candidate(i, "192.168.1." + i, 1_000 + i, false, false));
        }
        assertEquals(29, InboundEviction.select(c), "youngest of 10.0/16, the largest group");
        // Discouraged, not the youngest; past the protections (groups, ping, tx, blocks, older half).
        c.add(candidate(40, "10.0.9.9", 1_026, false, true));
        assertEquals(40, InboundEviction.select(c), "a discouraged peer goes first");
        List<InboundEviction.Candidate> whitelisted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            whitelisted.add(candidate(i, "127.0.0.1", i, true, false));
        }
        assertEquals(-1, InboundEviction.select(whitelisted), "nobody to evict: the newcomer is refused");
        assertEquals("10.0", InboundEviction.netGroup("10.0.3.4"));
    }

    private static InboundEviction.Candidate candidate(int id, String host, long connectedAt, boolean whitelisted,
            boolean discouraged) {
        return new InboundEviction.Candidate(id, connectedAt, Long.MAX_VALUE, 0, 0, InboundEviction.netGroup(host),
                whitelisted, discouraged);
    }
}
