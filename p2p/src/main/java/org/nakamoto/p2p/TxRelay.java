package org.nakamoto.p2p;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.p2p.wire.GetDataMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;

/**
 * Transaction relay: inv to peers for every transaction the mempool admits, inv -> getdata -> tx into
 * the mempool for transactions peers announce, and the mempool message answered with inv. Each unknown
 * transaction is requested from one peer at a time; if that peer does not deliver in time the next peer
 * that announced it is asked (a small version of Core's TxRequestTracker).
 *
 * <p>Confined to the network context. Mempool reads and writes go through the chain thread, since the
 * mempool's lock may be held there during script checks.
 */
final class TxRelay {
    private static final Logger LOG = System.getLogger(TxRelay.class.getName());

    private static final class Request {
        Peer peer;
        long at;
        final ArrayDeque<Peer> alternates = new ArrayDeque<>();

        Request(Peer peer, long at) {
            this.peer = peer;
            this.at = at;
        }
    }

    private final Mempool mempool;
    private final ChainGateway gateway;
    private final PeerRegistry peers;
    private final P2pMetrics metrics;
    private final LongSupplier clock;
    private final long requestTimeoutMillis;
    private final Map<Hash256, Request> requests = new HashMap<>();

    TxRelay(Mempool mempool, ChainGateway gateway, PeerRegistry peers, P2pMetrics metrics, LongSupplier clock,
            long requestTimeoutMillis) {
        this.mempool = mempool;
        this.gateway = gateway;
        this.peers = peers;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /** The mempool admitted a transaction: tell every peer that wants transactions and does not know it. */
    void announce(Hash256 txid) {
        for (Peer p : peers.ready()) {
            if (p.relaysTransactions() && p.known().add(txid)) {
                p.send(new InvMessage(List.of(InvItem.tx(txid))));
            }
        }
    }

    void onInv(Peer p, List<Hash256> txids) {
        List<Hash256> fresh = new ArrayList<>();
        for (Hash256 txid : txids) {
            p.known().add(txid);
            Request r = requests.get(txid);
            if (r != null) {
                if (r.peer != p) {
                    r.alternates.add(p);
                }
            } else {
                fresh.add(txid);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        gateway.call(() -> {
            List<Hash256> missing = new ArrayList<>();
            for (Hash256 txid : fresh) {
                if (!mempool.contains(txid)) {
                    missing.add(txid);
                }
            }
            return missing;
        }).onSuccess(missing -> {
            List<InvItem> ask = new ArrayList<>();
            long now = clock.getAsLong();
            for (Hash256 txid : missing) {
                Request r = requests.get(txid);
                if (r != null) {
                    r.alternates.add(p);
                } else {
                    requests.put(txid, new Request(p, now));
                    ask.add(InvItem.tx(txid));
                }
            }
            if (!ask.isEmpty()) {
                p.send(new GetDataMessage(ask));
            }
        });
    }

    void onTx(Peer p, Transaction tx) {
        Hash256 txid = tx.txid();
        requests.remove(txid);
        p.known().add(txid);
        metrics.txReceived.incrementAndGet();
        gateway.call(() -> mempool.accept(tx)).onFailure(t -> {
            if (t instanceof ValidationException ve) {
                p.misbehaving(Penalty.forTransaction(ve.reason()), "invalid transaction: " + ve.getMessage());
            } else {
                LOG.log(Level.WARNING, "mempool failed on " + txid, t);
            }
        });
    }

    void onNotFound(Peer p, List<InvItem> items) {
        for (InvItem item : items) {
            Request r = item.isTx() ? requests.get(item.hash()) : null;
            if (r != null && r.peer == p) {
                retry(item.hash(), r);
            }
        }
    }

    void onPeerClosed(Peer p) {
        List<Map.Entry<Hash256, Request>> mine = new ArrayList<>();
        for (Map.Entry<Hash256, Request> e : requests.entrySet()) {
            e.getValue().alternates.remove(p);
            if (e.getValue().peer == p) {
                mine.add(e);
            }
        }
        mine.forEach(e -> retry(e.getKey(), e.getValue()));
    }

    void tick(long now) {
        List<Map.Entry<Hash256, Request>> late = new ArrayList<>();
        for (Iterator<Map.Entry<Hash256, Request>> it = requests.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Hash256, Request> e = it.next();
            if (now - e.getValue().at > requestTimeoutMillis) {
                late.add(e);
            }
        }
        late.forEach(e -> retry(e.getKey(), e.getValue()));
    }

    private void retry(Hash256 txid, Request r) {
        Peer next;
        do {
            next = r.alternates.poll();
        } while (next != null && !next.isReady());
        if (next == null) {
            requests.remove(txid);
            return;
        }
        r.peer = next;
        r.at = clock.getAsLong();
        next.send(new GetDataMessage(List.of(InvItem.tx(txid))));
    }

    /** BIP35 mempool: answer with inv of everything in the pool the peer does not know. */
    void onMempoolRequest(Peer p) {
        gateway.call(mempool::entries).onSuccess(entries -> {
            List<InvItem> items = new ArrayList<>();
            for (MempoolEntry e : entries) {
                Hash256 txid = e.tx().txid();
                if (p.known().add(txid)) {
                    items.add(InvItem.tx(txid));
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
