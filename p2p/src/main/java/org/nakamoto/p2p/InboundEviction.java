package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which inbound peer to drop when every inbound slot is taken and another connects (Core's
 * AttemptToEvictConnection, SelectNodeToEvict). An attacker can cheaply be young, quiet or in one
 * network group, so peers that are hard to imitate are protected: whitelisted ones, 4 from distinct
 * network groups, the 8 with the lowest ping, the 4 that most recently sent a new transaction, the 4
 * that most recently sent a new block, then the older half of the rest. Among those left, a discouraged
 * peer goes first; otherwise the youngest of the network group with the most connections. Nobody left:
 * the newcomer is refused instead.
 *
 * <p>Stateless.
 */
final class InboundEviction {
    record Candidate(long peerId, long connectedAt, long minPing, long lastBlockAt, long lastTxAt, String netGroup,
            boolean protectedPeer, boolean discouraged) {
    }

    private InboundEviction() {
    }

    /** The id of the peer to evict, or -1 if every candidate is protected. */
    static long select(List<Candidate> all) {
        List<Candidate> c = new ArrayList<>();
        for (Candidate x : all) {
            if (!x.protectedPeer()) {
                c.add(x);
            }
        }
        protectDistinctGroups(c, 4);
        protect(c, Comparator.comparingLong(Candidate::minPing), 8);
        protect(c, Comparator.comparingLong(Candidate::lastTxAt).reversed(), 4);
        protect(c, Comparator.comparingLong(Candidate::lastBlockAt).reversed(), 4);
        protect(c, Comparator.comparingLong(Candidate::connectedAt), c.size() / 2);
        if (c.isEmpty()) {
            return -1;
        }
        for (Candidate x : c) {
            if (x.discouraged()) {
                return x.peerId();
            }
        }
        Map<String, List<Candidate>> groups = new HashMap<>();
        for (Candidate x : c) {
            groups.computeIfAbsent(x.netGroup(), g -> new ArrayList<>()).add(x);
        }
        List<Candidate> largest = null;
        long largestYoungest = 0;
        for (List<Candidate> g : groups.values()) {
            long youngest = g.stream().mapToLong(Candidate::connectedAt).max().orElse(0);
            // Ties go to the group whose youngest member is youngest, as Core.
            if (largest == null || g.size() > largest.size() || (g.size() == largest.size() && youngest > largestYoungest)) {
                largest = g;
                largestYoungest = youngest;
            }
        }
        return largest.stream().max(Comparator.comparingLong(Candidate::connectedAt)).orElseThrow().peerId();
    }

    /** Removes from {@code c} the first {@code n} in {@code order}: those are kept. */
    private static void protect(List<Candidate> c, Comparator<Candidate> order, int n) {
        c.sort(order);
        c.subList(0, Math.min(n, c.size())).clear();
    }

    /** Keeps the longest-connected peer of each of up to {@code n} network groups. */
    private static void protectDistinctGroups(List<Candidate> c, int n) {
        c.sort(Comparator.comparingLong(Candidate::connectedAt));
        Set<String> seen = new HashSet<>();
        c.removeIf(x -> seen.size() < n && seen.add(x.netGroup()));
    }

    /** IPv4 /16 or IPv6 /32, as Core groups addresses; a host name is its own group. */
    static String netGroup(String host) {
        if (host.indexOf(':') >= 0) {
            String[] parts = host.split(":");
            return parts.length >= 2 ? parts[0] + ":" + parts[1] : host;
        }
        String[] parts = host.split("\\.");
        return parts.length == 4 ? parts[0] + "." + parts[1] : host;
    }
}
