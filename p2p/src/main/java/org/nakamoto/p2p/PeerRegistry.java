package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live connections, by id and by the nonce of our version message. Confined to the network context. */
final class PeerRegistry {
    private final Map<Long, Peer> byId = new LinkedHashMap<>();
    private final Map<Long, Peer> byNonce = new HashMap<>();
    private long nextId;

    long nextId() {
        return nextId++;
    }

    void add(Peer p) {
        byId.put(p.id(), p);
        byNonce.put(p.localNonce(), p);
    }

    void remove(Peer p) {
        byId.remove(p.id());
        byNonce.remove(p.localNonce());
    }

    Peer get(long id) {
        return byId.get(id);
    }

    /** The connection whose version message carried {@code nonce}, or null. */
    Peer byLocalNonce(long nonce) {
        return byNonce.get(nonce);
    }

    /** A copy, so callers may disconnect peers while iterating. */
    List<Peer> all() {
        return new ArrayList<>(byId.values());
    }

    List<Peer> ready() {
        List<Peer> out = new ArrayList<>();
        for (Peer p : byId.values()) {
            if (p.isReady()) {
                out.add(p);
            }
        }
        return out;
    }

    int size() {
        return byId.size();
    }

    int count(Peer.Kind kind) {
        int n = 0;
        for (Peer p : byId.values()) {
            if (p.kind() == kind && !p.isClosing()) {
                n++;
            }
        }
        return n;
    }

    /** True if some live connection goes to (or, for inbound peers, claims to listen at) {@code a}. */
    boolean connectedTo(NetAddress a) {
        for (Peer p : byId.values()) {
            if (!p.isClosing() && (a.equals(p.listenAddress()) || (!p.isInbound() && a.equals(p.remoteAddress())))) {
                return true;
            }
        }
        return false;
    }

    /** Live inbound connections from {@code host}. */
    int inboundFrom(String host) {
        int n = 0;
        for (Peer p : byId.values()) {
            if (p.isInbound() && !p.isClosing() && p.remoteAddress().host().equals(host)) {
                n++;
            }
        }
        return n;
    }

    List<Peer> withHost(String host) {
        List<Peer> out = new ArrayList<>();
        for (Peer p : byId.values()) {
            if (p.remoteAddress().host().equals(host)) {
                out.add(p);
            }
        }
        return out;
    }
}
