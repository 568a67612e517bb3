package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.p2p.wire.GetDataMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction relay: inv to peers for every transaction the mempool admits, inv -> getdata -> tx into
 * the mempool for transactions peers announce, and the mempool message answered with inv. Each unknown
 * transaction is requested from one peer at a time; if that peer does not deliver in time the next peer
 * that announced it is asked (a small version of Core's TxRequestTracker).
 *
 * <p>State keyed by peer-supplied txids is bounded as in Core: a peer owns at most
 * {@value #MAX_PEER_TX_ANNOUNCEMENTS} requests (in flight, queued, or awaiting the mempool check) and
 * further announcements from it are dropped; at most {@value #MAX_PEER_TX_IN_FLIGHT} of them are
 * requested at once, the rest wait in the peer's queue until a slot frees. Peers announcing a tracked
 * txid again join its alternates, a set, so at most one entry per peer.
 *
 * <p>BIP339 peers (wtxidrelay negotiated) get announcements and requests by wtxid (MSG_WTX) and their
 * MSG_WTX announcements are followed; others by txid (MSG_TX). A request is keyed by the hash it was
 * announced with, so a witness transaction announced both ways may be fetched twice, once per name; the
 * mempool refuses the second copy. Requests from witness peers ask for the witness serialization
 * (MSG_WITNESS_TX), so a relayed transaction keeps its witness.
 *
 * <p>Confined to the network context (requests, and the per-peer counters and queue in
 * {@link PeerSyncState}, are touched only there). Mempool reads and writes go through the chain thread,
 * since the mempool's lock may be held there during script checks.
 */
final class TxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(TxRelay.class);
    /** Core's MAX_PEER_TX_ANNOUNCEMENTS and MAX_PEER_TX_REQUEST_IN_FLIGHT. */
    static final int MAX_PEER_TX_ANNOUNCEMENTS = 5_000;
    static final int MAX_PEER_TX_IN_FLIGHT = 100;

    private static final class Request {
        /** The peer this request is assigned to: asked already ({@link #inFlight}) or queued on it. */
        Peer owner;
        boolean inFlight;
        long at;
        final LinkedHashSet<Peer> alternates = new LinkedHashSet<>();
    }

    private final Mempool mempool;
    private final ChainGateway gateway;
    private final PeerRegistry peers;
    private final P2pMetrics metrics;
    private final LongSupplier clock;
    private final long requestTimeoutMillis;
    private final RecentWtxids wtxids;
    private final Map<Hash256, Request> requests = new HashMap<>();
    private long droppedAnnouncements;

    TxRelay(Mempool mempool, ChainGateway gateway, PeerRegistry peers, P2pMetrics metrics, LongSupplier clock,
            long requestTimeoutMillis, RecentWtxids wtxids) {
        this.wtxids = wtxids;
        this.mempool = mempool;
        this.gateway = gateway;
        this.peers = peers;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /** Tracked txids (requested or queued), for tests and metrics. */
    int trackedCount() {
        return requests.size();
    }

    long droppedAnnouncements() {
        return droppedAnnouncements;
    }

    /**
     * The mempool admitted a transaction: tell every peer that wants transactions and does not know it,
     * by wtxid to BIP339 peers and by txid to the others.
     */
    void announce(Transaction tx) {
        wtxids.add(tx);
        for (Peer p : peers.ready()) {
            if (p.relaysTransactions()) {
                InvItem item = announcement(p, tx.txid(), tx.wtxid());
                if (p.known().add(item.hash())) {
                    p.send(new InvMessage(List.of(item)));
                }
            }
        }
    }

    private static InvItem announcement(Peer p, Hash256 txid, Hash256 wtxid) {
        return p.wtxidRelay() ? InvItem.wtx(wtxid) : InvItem.tx(txid);
    }

    /** A getdata for a transaction this peer announced as {@code hash}. */
    private static InvItem request(Peer p, Hash256 hash) {
        if (p.wtxidRelay()) {
            return InvItem.wtx(hash);
        }
        return new InvItem(p.hasWitness() ? InvItem.MSG_WITNESS_TX : InvItem.MSG_TX, hash);
    }

    void onInv(Peer p, List<Hash256> txids) {
        PeerSyncState s = p.sync();
        List<Hash256> fresh = new ArrayList<>();
        for (Hash256 txid : txids) {
            p.known().add(txid);
            if (p.wtxidRelay() && wtxids.contains(txid)) {
                continue; // a transaction we took in recently, named by its wtxid
            }
            Request r = requests.get(txid);
            if (r != null) {
                if (r.owner != p) {
                    r.alternates.add(p);
                }
            } else if (s.txOwned + fresh.size() >= MAX_PEER_TX_ANNOUNCEMENTS) {
                droppedAnnouncements++;
            } else {
                fresh.add(txid);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        s.txOwned += fresh.size(); // reserved while the mempool is asked
        gateway.callFor(p, c -> {
            List<Hash256> missing = new ArrayList<>();
            for (Hash256 txid : fresh) {
                if (!mempool.contains(txid)) {
                    missing.add(txid);
                }
            }
            return missing;
        }).onComplete(ar -> {
            s.txOwned -= fresh.size();
            if (ar.failed() || p.isClosing()) {
                return;
            }
            List<InvItem> ask = new ArrayList<>();
            for (Hash256 txid : ar.result()) {
                Request r = requests.get(txid);
                if (r != null) {
                    if (r.owner != p) {
                        r.alternates.add(p);
                    }
                } else {
                    r = new Request();
                    requests.put(txid, r);
                    if (assign(txid, r, p)) {
                        ask.add(request(p, txid));
                    }
                }
            }
            if (!ask.isEmpty()) {
                p.send(new GetDataMessage(ask));
            }
        });
    }

    /** Gives {@code r} to {@code p}; true if it is to be requested now, false if queued on the peer. */
    private boolean assign(Hash256 txid, Request r, Peer p) {
        PeerSyncState s = p.sync();
        r.owner = p;
        r.alternates.remove(p);
        s.txOwned++;
        if (s.txInFlight < MAX_PEER_TX_IN_FLIGHT) {
            r.inFlight = true;
            r.at = clock.getAsLong();
            s.txInFlight++;
            return true;
        }
        r.inFlight = false;
        s.txQueue.add(txid);
        if (s.txQueue.size() > 2 * MAX_PEER_TX_ANNOUNCEMENTS) {
            // Entries resolved meanwhile stay in the queue until drained; compact them away.
            s.txQueue.removeIf(h -> {
                Request q = requests.get(h);
                return q == null || q.owner != p || q.inFlight;
            });
        }
        return false;
    }

    /** Takes {@code r} from its owner, freeing the owner's slots. */
    private void release(Request r) {
        Peer o = r.owner;
        if (o != null) {
            o.sync().txOwned--;
            if (r.inFlight) {
                o.sync().txInFlight--;
            }
        }
        r.owner = null;
        r.inFlight = false;
    }

    /** Requests what is queued on {@code p}, up to its in-flight limit. */
    private void drain(Peer p) {
        if (p == null || !p.isReady()) {
            return;
        }
        PeerSyncState s = p.sync();
        List<InvItem> ask = new ArrayList<>();
        long now = clock.getAsLong();
        while (s.txInFlight < MAX_PEER_TX_IN_FLIGHT && !s.txQueue.isEmpty()) {
            Hash256 txid = s.txQueue.poll();
            Request r = requests.get(txid);
            if (r != null && r.owner == p && !r.inFlight) {
                r.inFlight = true;
                r.at = now;
                s.txInFlight++;
                ask.add(request(p, txid));
            }
        }
        if (!ask.isEmpty()) {
            p.send(new GetDataMessage(ask));
        }
    }

    void onTx(Peer p, Transaction tx) {
        Hash256 txid = tx.txid();
        for (Hash256 name : tx.hasWitness() ? List.of(txid, tx.wtxid()) : List.of(txid)) {
            Request r = requests.remove(name);
            if (r != null) {
                Peer owner = r.owner;
                release(r);
                drain(owner);
            }
        }
        p.known().add(txid);
        p.known().add(tx.wtxid());
        metrics.txReceived.incrementAndGet();
        gateway.callFor(p, c -> mempool.accept(tx)).onSuccess(v -> p.markTx()).onFailure(t -> {
            if (t instanceof ValidationException ve) {
                p.misbehaving(Penalty.forTransaction(ve.reason()), "invalid transaction: " + ve.getMessage());
            } else {
                LOG.warn("mempool failed on {}", txid, t);
            }
        });
    }

    void onNotFound(Peer p, List<InvItem> items) {
        for (InvItem item : items) {
            Request r = item.isAnyTx() ? requests.get(item.hash()) : null;
            if (r != null && r.owner == p && r.inFlight) {
                retry(item.hash(), r);
            }
        }
        drain(p);
    }

    void onPeerClosed(Peer p) {
        List<Map.Entry<Hash256, Request>> mine = new ArrayList<>();
        for (Map.Entry<Hash256, Request> e : requests.entrySet()) {
            e.getValue().alternates.remove(p);
            if (e.getValue().owner == p) {
                mine.add(e);
            }
        }
        mine.forEach(e -> retry(e.getKey(), e.getValue()));
        p.sync().txQueue.clear();
    }

    void tick(long now) {
        List<Map.Entry<Hash256, Request>> late = new ArrayList<>();
        for (Map.Entry<Hash256, Request> e : requests.entrySet()) {
            Request r = e.getValue();
            if (r.inFlight && now - r.at > requestTimeoutMillis) {
                late.add(e);
            }
        }
        Set<Peer> freed = new HashSet<>();
        for (Map.Entry<Hash256, Request> e : late) {
            freed.add(e.getValue().owner);
            retry(e.getKey(), e.getValue());
        }
        freed.forEach(this::drain);
    }

    /** Moves a request to the next ready alternate, or forgets it when there is none. */
    private void retry(Hash256 txid, Request r) {
        release(r);
        Peer next = null;
        for (Iterator<Peer> it = r.alternates.iterator(); it.hasNext() && next == null;) {
            Peer a = it.next();
            it.remove();
            if (a.isReady()) {
                next = a;
            }
        }
        if (next == null) {
            requests.remove(txid);
            return;
        }
        if (assign(txid, r, next)) {
            next.send(new GetDataMessage(List.of(request(next, txid))));
        }
    }

    /** BIP35 mempool: answer with inv of everything in the pool the peer does not know. */
    void onMempoolRequest(Peer p) {
        gateway.callFor(p, c -> mempool.entries()).onSuccess(entries -> {
            List<InvItem> items = new ArrayList<>();
            for (MempoolEntry e : entries) {
                InvItem item = announcement(p, e.tx().txid(), e.tx().wtxid());
                if (p.known().add(item.hash())) {
                    items.add(item);
                }
                if (items.size() == InvMessage.MAX_ENTRIES) {
                    p.send(new InvMessage(items));
                    items = new ArrayList<>();
                }
            }
            if (!items.isEmpty()) {
                p.send(new InvMessage(items));
            }
        });
    }
}
