package org.nakamoto.p2p;

import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides whom to dial: with a connect list (Core's -connect) only those, otherwise the addnode peers
 * (always, outside the slot count) plus enough addresses from the book to fill the outbound slots. Dials
 * back off exponentially per address; an address that turned out to be this node is never dialled again.
 *
 * <p>Confined to the network context.
 */
final class ConnectionManager {
    /** Receives a socket that has just connected. */
    interface Attacher {
        void attach(NetSocket socket, Peer.Kind kind, NetAddress dialled);
    }

    private final P2pConfig config;
    private final AddressBook book;
    private final BanList bans;
    private final PeerRegistry peers;
    private final NetClient client;
    private final P2pMetrics metrics;
    private final LongSupplier clock;
    private final Supplier<NetAddress> self;
    private final Attacher attacher;
    private final Set<NetAddress> addNodes = new LinkedHashSet<>();
    private final Map<NetAddress, Peer.Kind> dialling = new HashMap<>();

    ConnectionManager(P2pConfig config, AddressBook book, BanList bans, PeerRegistry peers, NetClient client,
            P2pMetrics metrics, LongSupplier clock, Supplier<NetAddress> self, Attacher attacher) {
        this.config = config;
        this.book = book;
        this.bans = bans;
        this.peers = peers;
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
        this.self = self;
        this.attacher = attacher;
        addNodes.addAll(config.addNodes());
    }

    void tick(long now) {
        if (!config.connect().isEmpty()) {
            config.connect().forEach(a -> maintain(a, now));
            return;
        }
        addNodes.forEach(a -> maintain(a, now));
        int want = config.maxOutbound() - peers.count(Peer.Kind.OUTBOUND) - dials(Peer.Kind.OUTBOUND);
        if (want <= 0) {
            return;
        }
        for (NetAddress a : book.dialCandidates(now, a -> skip(a, now))) {
            if (want-- <= 0) {
                break;
            }
            dial(a, Peer.Kind.OUTBOUND);
        }
    }

    private boolean skip(NetAddress a, long now) {
        return dialling.containsKey(a) || addNodes.contains(a) || a.equals(self.get()) || peers.connectedTo(a)
                || bans.isBanned(a.host(), now) || bans.isDiscouraged(a.host());
    }

    private void maintain(NetAddress a, long now) {
        if (!dialling.containsKey(a) && !peers.connectedTo(a) && book.isDue(a, now)) {
            dial(a, Peer.Kind.MANUAL);
        }
    }

    private int dials(Peer.Kind kind) {
        int n = 0;
        for (Peer.Kind k : dialling.values()) {
            if (k == kind) {
                n++;
            }
        }
        return n;
    }

    /** Dials {@code a} now; the future fails if the TCP connection cannot be made. */
    Future<Void> dial(NetAddress a, Peer.Kind kind) {
        book.add(a, 0, 0);
        dialling.put(a, kind);
        metrics.outboundAttempts.incrementAndGet();
        return client.connect(a.port(), a.host()).andThen(ar -> {
            dialling.remove(a);
            if (ar.failed()) {
                metrics.outboundFailures.incrementAndGet();
                book.markFailure(a, clock.getAsLong());
            } else {
                attacher.attach(ar.result(), kind, a);
            }
        }).mapEmpty();
    }

    boolean addNode(NetAddress a) {
        return addNodes.add(a);
    }

    boolean removeNode(NetAddress a) {
        return addNodes.remove(a);
    }

    List<NetAddress> addedNodes() {
        return List.copyOf(addNodes);
    }

    void onPeerReady(Peer p) {
        if (!p.isInbound() && p.listenAddress() != null) {
            book.markSuccess(p.listenAddress(), clock.getAsLong() / 1000);
        }
    }

    void onPeerClosed(Peer p, boolean handshakeCompleted) {
        if (p.isInbound() || p.listenAddress() == null) {
            return;
        }
        if (handshakeCompleted) {
            book.markDisconnected(p.listenAddress(), clock.getAsLong());
        } else {
            book.markFailure(p.listenAddress(), clock.getAsLong());
        }
    }
}
