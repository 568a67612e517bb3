package org.nakamoto.p2p;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.nakamoto.p2p.wire.AddrMessage;
import org.nakamoto.p2p.wire.GetAddrMessage;
import org.nakamoto.p2p.wire.PeerAddress;
import org.nakamoto.p2p.wire.TimedPeerAddress;

/**
 * addr/getaddr: self-advertisement after each handshake, getaddr to outbound peers, one getaddr answer
 * per connection (up to 1,000 addresses), learned addresses into the {@link AddressBook}, and small
 * fresh addr messages forwarded to two other peers so that addresses spread (Core's addr relay).
 *
 * <p>Confined to the network context.
 */
final class AddressGossip {
    private static final int RELAY_FANOUT = 2;
    private static final int MAX_RELAYED_BATCH = 10;

    private final AddressBook book;
    private final PeerRegistry peers;
    private final Supplier<NetAddress> self;
    private final long services;
    private final LongSupplier clock;

    AddressGossip(AddressBook book, PeerRegistry peers, Supplier<NetAddress> self, long services, LongSupplier clock) {
        this.book = book;
        this.peers = peers;
        this.self = self;
        this.services = services;
        this.clock = clock;
    }

    void onReady(Peer p) {
        NetAddress me = self.get();
        if (me != null && me.literal() != null) {
            p.send(new AddrMessage(List.of(timed(me, services, nowSeconds()))));
        }
        if (!p.isInbound()) {
            p.send(new GetAddrMessage());
        }
    }

    void onAddr(Peer p, AddrMessage m) {
        NetAddress me = self.get();
        List<TimedPeerAddress> fresh = new ArrayList<>();
        long now = nowSeconds();
        for (TimedPeerAddress ta : m.addresses()) {
            NetAddress a = usable(ta.address());
            if (a == null || a.equals(me)) {
                continue;
            }
            long seen = Math.min(ta.time(), now);
            if (book.add(a, ta.address().services(), seen)) {
                fresh.add(ta);
            }
        }
        if (!fresh.isEmpty() && m.addresses().size() <= MAX_RELAYED_BATCH) {
            List<Peer> others = peers.ready();
            others.remove(p);
            Collections.shuffle(others);
            for (Peer o : others.subList(0, Math.min(RELAY_FANOUT, others.size()))) {
                o.send(new AddrMessage(fresh));
            }
        }
    }

    void onGetAddr(Peer p) {
        if (p.sync().getaddrAnswered) {
            return; // Core answers once per connection, so a peer cannot map our book by asking again
        }
        p.sync().getaddrAnswered = true;
        List<TimedPeerAddress> out = new ArrayList<>();
        NetAddress me = self.get();
        if (me != null && me.literal() != null) {
            out.add(timed(me, services, nowSeconds()));
        }
        for (AddressBook.Entry e : book.sample(AddrMessage.MAX_ENTRIES - out.size())) {
            TimedPeerAddress t = e.address.literal() == null ? null
                    : timed(e.address, e.services, Math.max(0, Math.min(e.lastSeenSeconds, 0xffffffffL)));
            if (t != null) {
                out.add(t);
            }
        }
        p.send(new AddrMessage(out));
    }

    private long nowSeconds() {
        return clock.getAsLong() / 1000;
    }

    private static TimedPeerAddress timed(NetAddress a, long services, long seconds) {
        return new TimedPeerAddress(seconds, new PeerAddress(services, a.literal(), a.port()));
    }

    /** A dialable address, or null for port 0, the unspecified address and multicast. */
    static NetAddress usable(PeerAddress pa) {
        InetAddress ip = pa.address();
        if (pa.port() == 0 || ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
            return null;
        }
        return new NetAddress(ip.getHostAddress(), pa.port());
    }
}
