package org.nakamoto.p2p;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The network's memory budget, summed over all peers: bytes received and not yet decoded (partial
 * frames, and frames left undecoded while a peer is held) and bytes queued to send. Per-peer caps alone
 * do not bound the sum: 117 inbound peers each one byte short of a 4 MB frame held about 470 MB.
 *
 * <p>Over the receive budget, a peer holding more than {@link #SMALL_PEER_BYTES} that feeds more is paused (Core's fPauseRecv, here global); paused
 * peers are resumed together once the total falls under three quarters of the budget. A peer parked
 * mid-frame is dropped by its own {@link P2pConfig#peerTimeout()}, which frees its share, so the
 * budget cannot stay exhausted. Over the send budget, getdata is not served to anyone until queues drain
 * (Core's fPauseSend, here global).
 *
 * <p>Confined to the network context.
 */
final class NetBudget {
    /**
     * A peer holding less than this is never paused by the budget: handshakes, pings, inv and headers
     * (2,000 headers are 162 KB) keep flowing for everyone while the peers that hold megabytes wait.
     */
    static final long SMALL_PEER_BYTES = 256 << 10;
    private final long receiveBudget;
    private final long sendBudget;
    private long received;
    private PeerRegistry peers;
    private final Set<Peer> waiting = new LinkedHashSet<>();

    NetBudget(long receiveBudget, long sendBudget) {
        this.receiveBudget = receiveBudget;
        this.sendBudget = sendBudget;
    }

    /** Adds {@code delta} (negative to release) to the received bytes held. */
    void received(long delta) {
        received += delta;
        if (!waiting.isEmpty() && received <= receiveBudget / 4 * 3) {
            Peer[] resume = waiting.toArray(new Peer[0]);
            waiting.clear();
            for (Peer p : resume) {
                p.budgetResume();
            }
        }
    }

    /** True (and {@code p} remembered for resumption) if received bytes are over the budget. */
    boolean receiveOver(Peer p) {
        if (received <= receiveBudget) {
            return false;
        }
        waiting.add(p);
        return true;
    }

    void forget(Peer p) {
        waiting.remove(p);
    }

    /** The peers whose send queues count against the send budget. */
    void watch(PeerRegistry registry) {
        this.peers = registry;
    }

    boolean sendOver() {
        return queuedBytes() > sendBudget;
    }

    long receivedBytes() {
        return received;
    }

    /** Bytes written to the peers' sockets and not yet taken by the kernel (Netty's outbound buffers). */
    long queuedBytes() {
        long sum = 0;
        if (peers != null) {
            for (Peer p : peers.all()) {
                sum += p.pendingWriteBytes();
            }
        }
        return sum;
    }
}
