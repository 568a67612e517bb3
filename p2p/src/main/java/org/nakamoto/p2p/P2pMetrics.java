package org.nakamoto.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Network counters for the node's metrics endpoint. Written on the network context, read from any
 * thread: every field is an atomic, so no lock is involved.
 */
public final class P2pMetrics {
    final AtomicLong messagesReceived = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong blocksReceived = new AtomicLong();
    final AtomicLong blocksServed = new AtomicLong();
    final AtomicLong blockStalls = new AtomicLong();
    final AtomicLong unrequestedBlocksIgnored = new AtomicLong();
    final AtomicLong headersReceived = new AtomicLong();
    final AtomicLong txReceived = new AtomicLong();
    final AtomicLong inboundAccepted = new AtomicLong();
    final AtomicLong inboundRefused = new AtomicLong();
    final AtomicLong outboundAttempts = new AtomicLong();
    final AtomicLong outboundFailures = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong misbehaviourEvents = new AtomicLong();
    final AtomicLong bans = new AtomicLong();
    final AtomicLong peersConnected = new AtomicLong();
    final AtomicLong discouraged = new AtomicLong();
    final AtomicLong evictions = new AtomicLong();
    final AtomicLong budgetPauses = new AtomicLong();
    final AtomicLong headersPresynced = new AtomicLong();

    /** Counter name (Prometheus style, without prefix) to current value. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("messages_received_total", messagesReceived.get());
        m.put("messages_sent_total", messagesSent.get());
        m.put("bytes_received_total", bytesReceived.get());
        m.put("bytes_sent_total", bytesSent.get());
        m.put("blocks_received_total", blocksReceived.get());
        m.put("blocks_served_total", blocksServed.get());
        m.put("block_download_stalls_total", blockStalls.get());
        m.put("unrequested_blocks_ignored_total", unrequestedBlocksIgnored.get());
        m.put("headers_received_total", headersReceived.get());
        m.put("transactions_received_total", txReceived.get());
        m.put("inbound_accepted_total", inboundAccepted.get());
        m.put("inbound_refused_total", inboundRefused.get());
        m.put("outbound_attempts_total", outboundAttempts.get());
        m.put("outbound_failures_total", outboundFailures.get());
        m.put("disconnects_total", disconnects.get());
        m.put("misbehaviour_events_total", misbehaviourEvents.get());
        m.put("bans_total", bans.get());
        m.put("peers_connected", peersConnected.get());
        m.put("discouraged_total", discouraged.get());
        m.put("inbound_evictions_total", evictions.get());
        m.put("receive_budget_pauses_total", budgetPauses.get());
        m.put("headers_presynced_total", headersPresynced.get());
        return m;
    }

    public long get(String name) {
        Long v = snapshot().get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter " + name);
        }
        return v;
    }
}
