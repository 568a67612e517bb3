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
 * <p>Unless {@code dialLearnedAddresses}, learned addresses that are not loopback are dropped (the node
 * dials only addresses it is given; a loopback testnet still learns its peers from a seed). Each peer's
 * addresses are rate-limited by Core's token bucket: {@value #ADDR_BUCKET_MAX} to start, refilled at
 * {@value #ADDR_TOKENS_PER_SECOND} per second, and addresses beyond the tokens are dropped unprocessed.
 *
 * <p>Confined to the network context.
 */
final class AddressGossip {
    private static final int RELAY_FANOUT = 2;
    private static final int MAX_RELAYED_BATCH = 10;
    /** Core's MAX_ADDR_PROCESSING_TOKEN_BUCKET and MAX_ADDR_RATE_PER_SECOND. */
    static final int ADDR_BUCKET_MAX = 1000;
    static final double ADDR_TOKENS_PER_SECOND = 0.1;

    private final AddressBook book;
    private final PeerRegistry peers;
    private final Supplier<NetAddress> self;
    private final long services;
    private final LongSupplier clock;
    private final boolean dialLearned;
    private long addrRateLimited;

    AddressGossip(AddressBook book, PeerRegistry peers, Supplier<NetAddress> self, long services, LongSupplier clock,
            boolean dialLearned) {
        this.dialLearned = dialLearned;
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
        PeerSyncState s = p.sync();
        long nowMillis = clock.getAsLong();
        if (s.addrTokens < 0) {
            s.addrTokens = ADDR_BUCKET_MAX;
        } else {
            double refill = (nowMillis - s.addrTokensAt) / 1000.0 * ADDR_TOKENS_PER_SECOND;
            s.addrTokens = Math.min(ADDR_BUCKET_MAX, s.addrTokens + Math.max(0, refill));
        }
        s.addrTokensAt = nowMillis;
        for (TimedPeerAddress ta : m.addresses()) {
            if (s.addrTokens < 1) {
                addrRateLimited++;
                continue; // over the rate: dropped, as Core does
            }
            s.addrTokens -= 1;
            NetAddress a = usable(ta.address());
            if (a == null || a.equals(me) || (!dialLearned && !a.isLoopback())) {
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

    /** Addresses dropped by the token bucket since start, for tests. */
    long addrRateLimited() {
        return addrRateLimited;
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
