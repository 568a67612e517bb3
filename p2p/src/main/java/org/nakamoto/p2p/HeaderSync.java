package org.nakamoto.p2p;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
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
 * <p>Low-work headers are not stored (Core's anti-DoS threshold, {@link #antiDosThreshold()}): a batch
 * whose chain would stay below max(minimumChainWork, our tip's work minus {@value #THRESHOLD_BLOCKS}
 * blocks' worth) is pre-synced in memory first ({@link HeaderPresync}) and stored only once that chain
 * is shown to reach the threshold.
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
    private final NetworkParams params;
    private final int maxPresyncHeaders;
    /** Core's margin below our tip's work within which a fork's headers are stored at once: a day of blocks. */
    static final int THRESHOLD_BLOCKS = 144;
    /** Core's DEFAULT_MAX_TIP_AGE. */
    static final long MAX_TIP_AGE_SECONDS = 24 * 60 * 60;

    HeaderSync(ChainView chain, ChainGateway gateway, BlockDownloader downloader, P2pMetrics metrics,
            NetworkParams params, int maxPresyncHeaders) {
        this.params = params;
        this.maxPresyncHeaders = maxPresyncHeaders;
        this.chain = chain;
        this.gateway = gateway;
        this.downloader = downloader;
        this.metrics = metrics;
    }

    BlockNode bestHeader() {
        return chain.bestHeader();
    }

    /**
     * True during initial block download (Core's IsInitialBlockDownload, judged from our own chain): our
     * tip is below the minimum chain work, or it is well behind the best header and more than a day old.
     * A recent tip is announced whatever headers we hold: 50 headers with more work that nobody backs
     * with blocks must not silence our announcements.
     */
    boolean isCatchingUp() {
        BlockNode tip = chain.tip();
        if (tip.chainWork().compareTo(params.minimumChainWork()) < 0) {
            return true;
        }
        boolean tipIsOld = System.currentTimeMillis() / 1000 - tip.header().time() > MAX_TIP_AGE_SECONDS;
        return tipIsOld && bestHeader().height() - tip.height() > BlockAnnouncer.MAX_BLOCKS_TO_ANNOUNCE;
    }

    /** Core's GetAntiDoSWorkThreshold: max(minimumChainWork, tip work - a day of blocks at the tip's bits). */
    BigInteger antiDosThreshold() {
        BlockNode tip = chain.tip();
        BigInteger margin = ProofOfWork.work(tip.header().bits()).multiply(BigInteger.valueOf(THRESHOLD_BLOCKS));
        return params.minimumChainWork().max(tip.chainWork().subtract(margin));
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
            HeaderPresync ps = p.sync().presync;
            if (ps != null && !ps.redownloading()) {
                p.sync().presync = null; // its low-work chain ended there
            }
            return; // the peer has nothing after our locator
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).prevHash().equals(headers.get(i - 1).hash())) {
                p.misbehaving(Misbehaviour.NON_CONTINUOUS_HEADERS, "non-continuous headers sequence");
                return;
            }
        }
        boolean full = headers.size() == HeadersMessage.MAX_ENTRIES;
        HeaderPresync ps = p.sync().presync;
        if (ps != null && ps.continues(headers.get(0).prevHash())) {
            if (!ps.redownloading()) {
                presync(p, ps, headers, full);
                return;
            }
            String mismatch = ps.checkRedownload(headers);
            if (mismatch != null) {
                p.sync().presync = null;
                p.misbehaving(Penalty.BAN, "header pre-sync: " + mismatch);
                return;
            }
            store(p, headers, full, ps);
            return;
        }
        BlockNode fork = chain.node(headers.get(0).prevHash());
        if (fork != null && !fork.isFailed() && chain.node(headers.get(headers.size() - 1).hash()) == null) {
            BigInteger threshold = antiDosThreshold();
            if (fork.chainWork().add(claimedWork(headers)).compareTo(threshold) < 0) {
                if (full) {
                    ps = new HeaderPresync(fork, threshold, params, maxPresyncHeaders);
                    p.sync().presync = ps;
                    presync(p, ps, headers, true);
                } else {
                    LOG.debug("{}: ignoring {} headers of a low-work chain", p, headers.size());
                }
                return;
            }
        }
        store(p, headers, full, null);
    }

    private static BigInteger claimedWork(List<BlockHeader> headers) {
        BigInteger w = BigInteger.ZERO;
        for (BlockHeader h : headers) {
            w = w.add(ProofOfWork.work(h.bits()));
        }
        return w;
    }

    /** A batch of a low-work chain: checked in memory, then more asked for, or the chain downloaded again. */
    private void presync(Peer p, HeaderPresync ps, List<BlockHeader> headers, boolean full) {
        metrics.headersPresynced.addAndGet(headers.size());
        switch (ps.feed(headers)) {
            case INVALID, TOO_LONG -> {
                p.sync().presync = null;
                p.misbehaving(Penalty.BAN, "header pre-sync: " + ps.error());
            }
            case REACHED -> {
                LOG.debug("{}: pre-synced {} headers reach the work threshold; downloading them again", p, ps.count());
                requestHeaders(p, ps.fork());
            }
            case CONTINUE -> {
                if (full && p.isReady()) {
                    List<Hash256> locator = new ArrayList<>();
                    locator.add(ps.last());
                    locator.addAll(BlockLocator.of(ps.fork()));
                    p.send(new GetHeadersMessage(Protocol.PROTOCOL_VERSION, locator, Hash256.ZERO));
                } else {
                    p.sync().presync = null; // the chain ended below the threshold: forget it, as Core
                    LOG.debug("{}: low-work header chain of {} headers ignored", p, ps.count());
                }
            }
        }
    }

    private void store(Peer p, List<BlockHeader> headers, boolean full, HeaderPresync ps) {
        gateway.callFor(p, c -> c.acceptHeaders(headers)).onComplete(ar -> {
            if (ar.succeeded()) {
                if (ps != null && ps.stored(headers) && p.sync().presync == ps) {
                    p.sync().presync = null;
                }
                onAccepted(p, ar.result(), full);
            } else if (ar.cause() instanceof ValidationException ve) {
                if (ps != null && p.sync().presync == ps) {
                    p.sync().presync = null;
                }
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
