package org.nakamoto.p2p;

import java.util.List;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.p2p.wire.GetHeadersMessage;
import org.nakamoto.p2p.wire.HeadersMessage;
import org.nakamoto.p2p.wire.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers-first sync: asks peers for headers with a block locator, validates each batch on the chain
 * thread (chain.acceptHeaders) before any body is fetched, continues while batches come full (2,000),
 * and hands what it learned to the {@link BlockDownloader}.
 *
 * <p>Confined to the network context. The best header is chain state ({@link ChainView#bestHeader()}),
 * which the chain updates whenever it accepts a header, whoever sent it.
 */
final class HeaderSync {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderSync.class);

    private final ChainView chain;
    private final ChainGateway gateway;
    private final BlockDownloader downloader;
    private final P2pMetrics metrics;

    HeaderSync(ChainView chain, ChainGateway gateway, BlockDownloader downloader, P2pMetrics metrics) {
        this.chain = chain;
        this.gateway = gateway;
        this.downloader = downloader;
        this.metrics = metrics;
    }

    BlockNode bestHeader() {
        return chain.bestHeader();
    }

    /** True while our tip is well behind the best header we know: initial block download. */
    boolean isCatchingUp() {
        return bestHeader().height() - chain.tip().height() > BlockAnnouncer.MAX_BLOCKS_TO_ANNOUNCE;
    }

    /** Opens sync with a peer that just completed its handshake. */
    void start(Peer p) {
        // From the best header's parent, as Core does: a peer that has our best header then still answers
        // with at least that header, so we learn it has the chain and can download bodies from it.
        BlockNode best = bestHeader();
        requestHeaders(p, best.parent() != null ? best.parent() : best);
    }

    void requestHeaders(Peer p, BlockNode from) {
        p.send(new GetHeadersMessage(Protocol.PROTOCOL_VERSION, BlockLocator.of(from), Hash256.ZERO));
    }

    void onHeaders(Peer p, List<BlockHeader> headers) {
        metrics.headersReceived.addAndGet(headers.size());
        if (headers.isEmpty()) {
            return; // the peer has nothing after our locator
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).prevHash().equals(headers.get(i - 1).hash())) {
                p.misbehaving(Misbehaviour.NON_CONTINUOUS_HEADERS, "non-continuous headers sequence");
                return;
            }
        }
        boolean full = headers.size() == HeadersMessage.MAX_ENTRIES;
        gateway.callFor(p, c -> c.acceptHeaders(headers)).onComplete(ar -> {
            if (ar.succeeded()) {
                onAccepted(p, ar.result(), full);
            } else if (ar.cause() instanceof ValidationException ve) {
                onRejected(p, headers, ve);
            } else {
                LOG.warn("cannot store headers from {}", p, ar.cause());
            }
        });
    }

    private void onAccepted(Peer p, List<BlockNode> nodes, boolean full) {
        BlockNode last = nodes.get(nodes.size() - 1);
        PeerSyncState s = p.sync();
        s.sawBlock(last);
        s.unconnectingHeaders = 0;
        p.known().add(last.hash());
        if (s.lastUnknownBlock != null) {
            BlockNode announced = chain.node(s.lastUnknownBlock);
            if (announced != null) {
                s.sawBlock(announced);
                s.lastUnknownBlock = null;
            }
        }
        if (full && p.isReady()) {
            requestHeaders(p, last);
        }
        downloader.schedule(p);
        downloader.scheduleAll();
    }

    /** The first header of the batch that the chain holds as failed, or null. */
    private BlockNode failedNode(List<BlockHeader> headers) {
        for (BlockHeader h : headers) {
            BlockNode n = chain.node(h.hash());
            if (n != null && n.isFailed()) {
                return n;
            }
        }
        return null;
    }

    private void onRejected(Peer p, List<BlockHeader> headers, ValidationException ve) {
        if (ve.reason() == RejectReason.PREV_BLOCK_NOT_FOUND && chain.node(headers.get(0).prevHash()) == null) {
            // Core's handling of unconnecting headers: the peer announced blocks on top of ones we lack;
            // ask for the gap, and only punish a peer that keeps doing it.
            int n = ++p.sync().unconnectingHeaders;
            if (n % 10 == 0) {
                p.misbehaving(Misbehaviour.UNCONNECTING_HEADERS, n + " unconnecting headers messages");
            }
            requestHeaders(p, bestHeader());
            return;
        }
        p.misbehaving(Penalty.forBlock(ve.reason(), failedNode(headers)), "invalid header: " + ve.getMessage());
        // The valid prefix was kept by the chain; let the downloader look at whatever it can now reach.
        downloader.scheduleAll();
    }
}
