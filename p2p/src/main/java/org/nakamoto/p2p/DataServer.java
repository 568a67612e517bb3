package org.nakamoto.p2p;

import io.vertx.core.Context;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.p2p.wire.BlockMessage;
import org.nakamoto.p2p.wire.GetBlocksMessage;
import org.nakamoto.p2p.wire.GetHeadersMessage;
import org.nakamoto.p2p.wire.HeadersMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;
import org.nakamoto.p2p.wire.NotFoundMessage;
import org.nakamoto.p2p.wire.TxMessage;

/**
 * Answers what peers ask for: getdata (blocks from the store, transactions from the mempool, notfound
 * for the rest), getheaders (up to 2,000 headers of the active chain after the locator's fork point) and
 * getblocks (up to 500 block hashes, by inv, for old-style peers).
 *
 * <p>Headers come from in-memory snapshots, so they are answered on the event loop. Bodies are read on
 * a worker with {@code executeBlocking(ordered = true)}, so answers go out in the order asked, in batches
 * that wait while the peer's send queue is full.
 */
final class DataServer {
    private static final Logger LOG = System.getLogger(DataServer.class.getName());
    static final int MAX_BLOCKS_PER_INV = 500;
    private static final int ITEMS_PER_BATCH = 16;
    private static final long QUEUE_FULL_RETRY_MILLIS = 20;

    private final ChainState chain;
    private final Mempool mempool;
    private final Context context;
    private final P2pMetrics metrics;

    DataServer(ChainState chain, Mempool mempool, Context context, P2pMetrics metrics) {
        this.chain = chain;
        this.mempool = mempool;
        this.context = context;
        this.metrics = metrics;
    }

    void onGetData(Peer p, List<InvItem> items) {
        serve(p, items, 0);
    }

    private record Item(InvItem inv, byte[] payload) {
    }

    private void serve(Peer p, List<InvItem> items, int from) {
        if (!p.isReady() || from >= items.size()) {
            return;
        }
        if (p.isSendQueueFull()) {
            context.owner().setTimer(QUEUE_FULL_RETRY_MILLIS, id -> serve(p, items, from));
            return;
        }
        int to = Math.min(items.size(), from + ITEMS_PER_BATCH);
        List<InvItem> batch = List.copyOf(items.subList(from, to));
        context.executeBlocking(() -> read(batch), true).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "cannot read data for " + p, ar.cause());
                return;
            }
            List<InvItem> notFound = new ArrayList<>();
            for (Item it : ar.result()) {
                if (it.payload() == null) {
                    notFound.add(it.inv());
                } else if (it.inv().isBlock()) {
                    p.sendRaw(BlockMessage.COMMAND, it.payload());
                    p.known().add(it.inv().hash());
                    metrics.blocksServed.incrementAndGet();
                } else {
                    p.sendRaw(TxMessage.COMMAND, it.payload());
                    p.known().add(it.inv().hash());
                }
            }
            if (!notFound.isEmpty()) {
                p.send(new NotFoundMessage(notFound));
            }
            serve(p, items, to);
        });
    }

    /** Runs on a worker: LevelDB reads and the mempool lock are fine here. */
    private List<Item> read(List<InvItem> batch) {
        List<Item> out = new ArrayList<>(batch.size());
        for (InvItem inv : batch) {
            byte[] payload = null;
            if (inv.isBlock()) {
                payload = chain.store().blockBytes(inv.hash());
            } else if (inv.isTx()) {
                MempoolEntry e = mempool.get(inv.hash());
                payload = e == null ? null : e.tx().serialize();
            }
            out.add(new Item(inv, payload));
        }
        return out;
    }

    void onGetHeaders(Peer p, GetHeadersMessage m) {
        ActiveChain active = chain.activeChain();
        List<BlockHeader> headers = new ArrayList<>();
        if (m.locator().isEmpty()) {
            BlockNode n = chain.node(m.hashStop());
            if (n != null && !n.isFailed()) {
                headers.add(n.header());
            }
        } else {
            BlockNode fork = fork(active, m.locator());
            for (int h = fork.height() + 1; h <= active.height() && headers.size() < HeadersMessage.MAX_ENTRIES; h++) {
                BlockNode n = active.at(h);
                headers.add(n.header());
                if (n.hash().equals(m.hashStop())) {
                    break;
                }
            }
        }
        p.send(new HeadersMessage(headers));
        if (!headers.isEmpty()) {
            p.known().add(headers.get(headers.size() - 1).hash());
        }
    }

    void onGetBlocks(Peer p, GetBlocksMessage m) {
        ActiveChain active = chain.activeChain();
        BlockNode fork = fork(active, m.locator());
        List<InvItem> items = new ArrayList<>();
        for (int h = fork.height() + 1; h <= active.height() && items.size() < MAX_BLOCKS_PER_INV; h++) {
            BlockNode n = active.at(h);
            if (n.hash().equals(m.hashStop())) {
                break;
            }
            items.add(InvItem.block(n.hash()));
        }
        if (!items.isEmpty()) {
            p.send(new InvMessage(items));
        }
    }

    /** The first locator entry on our active chain, or genesis. */
    private BlockNode fork(ActiveChain active, List<Hash256> locator) {
        for (Hash256 h : locator) {
            BlockNode n = chain.node(h);
            if (n != null && active.contains(n)) {
                return n;
            }
        }
        return active.at(0);
    }
}
