package org.nakamoto.p2p;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.mempool.MempoolView;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.store.BlockStatus;
import org.nakamoto.p2p.wire.BlockMessage;
import org.nakamoto.p2p.wire.GetBlocksMessage;
import org.nakamoto.p2p.wire.GetHeadersMessage;
import org.nakamoto.p2p.wire.HeadersMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;
import org.nakamoto.p2p.wire.NotFoundMessage;
import org.nakamoto.p2p.wire.TxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what peers ask for: getdata (blocks from the store, transactions from the mempool, notfound
 * for the rest), getheaders (up to 2,000 headers of the active chain after the locator's fork point) and
 * getblocks (up to 500 block hashes, by inv, for old-style peers, continued as Core's hashContinue does).
 *
 * <p>Headers come from in-memory snapshots, so they are answered on the event loop. Bodies are read on
 * a worker with {@code executeBlocking(ordered = true)}, so answers go out in the order asked, in batches
 * that wait while the peer's send queue is full. Each peer's getdata items wait in its own queue
 * ({@link PeerSyncState#getDataQueue}, confined to the network context); while that queue is not empty
 * the peer's socket is not read (Core processes one getdata at a time and reads nothing else
 * meanwhile), and a peer whose backlog would pass {@value #MAX_GETDATA_BACKLOG} items is disconnected.
 * Only blocks that are valid or on the active chain are served (Core's BlockRequestAllowed): never one
 * stored but not validated.
 */
final class DataServer {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);
    static final int MAX_BLOCKS_PER_INV = 500;
    static final int MAX_GETDATA_BACKLOG = 50_000;
    private static final int ITEMS_PER_BATCH = 16;
    /**
     * A batch stops reading once it holds this much, so that the send-queue check between batches bounds
     * what a peer that asks and never reads can pin (16 large blocks at once were about 14 MB a peer).
     */
    private static final long BATCH_BYTES = 1 << 20;
    private static final int NOTFOUND_FLUSH = 1_000;
    private static final long QUEUE_FULL_RETRY_MILLIS = 20;

    private final ChainView chain;
    private final MempoolView mempool;
    private final Context context;
    private final P2pMetrics metrics;
    private final RecentWtxids wtxids;

    DataServer(ChainView chain, MempoolView mempool, Context context, P2pMetrics metrics, RecentWtxids wtxids) {
        this.chain = chain;
        this.mempool = mempool;
        this.context = context;
        this.metrics = metrics;
        this.wtxids = wtxids;
    }

    void onGetData(Peer p, List<InvItem> items) {
        PeerSyncState s = p.sync();
        if (s.getDataQueue.size() + items.size() > MAX_GETDATA_BACKLOG) {
            p.disconnect("getdata backlog over " + MAX_GETDATA_BACKLOG + " items");
            return;
        }
        s.getDataQueue.addAll(items);
        p.holdForData(true);
        if (!s.serving) {
            s.serving = true;
            serveNext(p);
        }
    }

    private record Item(InvItem inv, byte[] payload, boolean unread) {
    }

    /** One getdata item and the hash to look it up by (a MSG_WTX's txid, resolved on the event loop). */
    private record Lookup(InvItem inv, Hash256 key) {
    }

    private void serveNext(Peer p) {
        PeerSyncState s = p.sync();
        if (!p.isReady()) {
            s.getDataQueue.clear();
            s.serving = false;
            return;
        }
        if (s.getDataQueue.isEmpty()) {
            flushNotFound(p);
            s.serving = false;
            p.holdForData(false);
            return;
        }
        if (p.isSendQueueFull()) {
            context.owner().setTimer(QUEUE_FULL_RETRY_MILLIS, id -> serveNext(p));
            return;
        }
        List<Lookup> batch = new ArrayList<>(ITEMS_PER_BATCH);
        while (batch.size() < ITEMS_PER_BATCH && !s.getDataQueue.isEmpty()) {
            InvItem inv = s.getDataQueue.poll();
            batch.add(new Lookup(inv, inv.type() == InvItem.MSG_WTX ? wtxids.txidOf(inv.hash()) : inv.hash()));
        }
        context.executeBlocking(() -> read(batch), true).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("cannot read data for {}", p, ar.cause());
                p.disconnect("cannot read the data it asked for");
                s.getDataQueue.clear();
                s.serving = false;
                return;
            }
            List<InvItem> notFound = s.notFound;
            List<Item> items = ar.result();
            // Items the worker left unread (the batch reached BATCH_BYTES) go back to the front, in order.
            for (int i = items.size() - 1; i >= 0 && items.get(i).unread(); i--) {
                s.getDataQueue.addFirst(items.get(i).inv());
            }
            for (Item it : items) {
                if (it.unread()) {
                    break;
                } else if (it.payload() == null) {
                    notFound.add(it.inv());
                } else if (it.inv().isAnyBlock()) {
                    p.sendRaw(BlockMessage.COMMAND, it.payload());
                    p.known().add(it.inv().hash());
                    metrics.blocksServed.incrementAndGet();
                    continueGetBlocks(p, it.inv().hash());
                } else {
                    p.sendRaw(TxMessage.COMMAND, it.payload());
                    p.known().add(it.inv().hash());
                }
            }
            if (notFound.size() >= NOTFOUND_FLUSH) {
                flushNotFound(p);
            }
            serveNext(p);
        });
    }

    /**
     * Sends the items not found so far. A batch stops reading at {@value #BATCH_BYTES} bytes (so the
     * send-queue check between batches bounds what one peer pins), and the misses of several batches go
     * out together, after the blocks found, rather than once per batch.
     */
    private void flushNotFound(Peer p) {
        List<InvItem> notFound = p.sync().notFound;
        if (!notFound.isEmpty()) {
            p.send(new NotFoundMessage(new ArrayList<>(notFound)));
            notFound.clear();
        }
    }

    /**
     * Runs on a worker: LevelDB reads and the mempool lock are fine here. BIP144: witness types and MSG_WTX
     * get the witness serialization, MSG_BLOCK and MSG_TX the stripped one; a block whose witnesses this
     * node does not have is answered with notfound to a peer that asked for witnesses, never stripped.
     */
    private List<Item> read(List<Lookup> batch) {
        List<Item> out = new ArrayList<>(batch.size());
        long bytes = 0;
        ActiveChain active = chain.activeChain();
        for (Lookup l : batch) {
            InvItem inv = l.inv();
            if (bytes >= BATCH_BYTES) {
                out.add(new Item(inv, null, true));
                continue;
            }
            byte[] payload = null;
            if (inv.isAnyBlock()) {
                BlockNode n = chain.node(inv.hash());
                if (n != null && n.hasData() && !n.isFailed()
                        && (BlockStatus.has(n.status(), BlockStatus.VALID) || active.contains(n))) {
                    payload = blockPayload(chain.blockBytes(inv.hash()), inv.wantsWitness());
                }
            } else if (inv.isAnyTx()) {
                MempoolEntry e = mempool.get(l.key());
                if (e != null && (inv.type() != InvItem.MSG_WTX || e.tx().wtxid().equals(inv.hash()))) {
                    payload = inv.wantsWitness() ? e.tx().serialize() : e.tx().serializeWithoutWitness();
                }
            }
            out.add(new Item(inv, payload, false));
            if (payload != null) {
                bytes += payload.length;
            }
        }
        return out;
    }

    private static byte[] blockPayload(byte[] stored, boolean witness) {
        if (stored == null) {
            return null;
        }
        Block b = Block.parse(stored);
        if (!witness) {
            return b.hasWitness() ? b.serializeWithoutWitness() : stored;
        }
        return lacksWitness(b) ? null : stored;
    }

    /**
     * A block stored without its witnesses (by a node version before segwit support): its coinbase commits
     * to witness data (BIP141's commitment output) but carries no witness reserved value, which every
     * block with a commitment must have.
     */
    static boolean lacksWitness(Block b) {
        Transaction coinbase = b.transactions().get(0);
        if (!coinbase.inputs().get(0).witness().isEmpty()) {
            return false;
        }
        for (TxOut o : coinbase.outputs()) {
            byte[] s = o.scriptPubKey().unsafeBytes();
            if (s.length >= 38 && (s[0] & 0xff) == 0x6a && s[1] == 0x24 && (s[2] & 0xff) == 0xaa && s[3] == 0x21
                    && (s[4] & 0xff) == 0xa9 && (s[5] & 0xff) == 0xed) {
                return true;
            }
        }
        return false;
    }

    /**
     * Core's hashContinue: a getblocks peer (bcoin, old clients) asks for the blocks of a 500-hash inv and
     * sends its next getblocks only once it sees a block it does not know. When it has asked for the last
     * block of such an inv we announce our tip, which it does not know yet, and it asks again from there;
     * without this it stalls after the first 500 blocks.
     */
    private void continueGetBlocks(Peer p, Hash256 served) {
        PeerSyncState s = p.sync();
        if (served.equals(s.hashContinue)) {
            s.hashContinue = null;
            p.send(new InvMessage(List.of(InvItem.block(chain.activeChain().tip().hash()))));
        }
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
        if (items.size() == MAX_BLOCKS_PER_INV) {
            p.sync().hashContinue = items.get(items.size() - 1).hash();
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
