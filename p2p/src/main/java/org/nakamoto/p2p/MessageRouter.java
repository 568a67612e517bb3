package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.p2p.wire.AddrMessage;
import org.nakamoto.p2p.wire.BlockMessage;
import org.nakamoto.p2p.wire.GetAddrMessage;
import org.nakamoto.p2p.wire.GetBlocksMessage;
import org.nakamoto.p2p.wire.GetDataMessage;
import org.nakamoto.p2p.wire.GetHeadersMessage;
import org.nakamoto.p2p.wire.HeadersMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;
import org.nakamoto.p2p.wire.MempoolMessage;
import org.nakamoto.p2p.wire.Message;
import org.nakamoto.p2p.wire.NotFoundMessage;
import org.nakamoto.p2p.wire.PeerAddress;
import org.nakamoto.p2p.wire.Protocol;
import org.nakamoto.p2p.wire.TxMessage;
import org.nakamoto.p2p.wire.VersionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each peer's messages and lifecycle events to the component that owns them; holds no state of
 * its own beyond references. Runs on the network context.
 */
final class MessageRouter implements PeerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final P2pConfig config;
    private final ChainView chain;
    private final PeerRegistry peers;
    private final BanList bans;
    private final AddressBook book;
    private final ConnectionManager connections;
    private final HeaderSync headerSync;
    private final BlockDownloader downloader;
    private final TxRelay txRelay;
    private final DataServer dataServer;
    private final AddressGossip gossip;
    private final P2pMetrics metrics;
    private final LongSupplier clock;
    private final Supplier<NetAddress> self;

    MessageRouter(P2pConfig config, ChainView chain, PeerRegistry peers, BanList bans, AddressBook book,
            ConnectionManager connections, HeaderSync headerSync, BlockDownloader downloader, TxRelay txRelay,
            DataServer dataServer, AddressGossip gossip, P2pMetrics metrics, LongSupplier clock,
            Supplier<NetAddress> self) {
        this.config = config;
        this.chain = chain;
        this.peers = peers;
        this.bans = bans;
        this.book = book;
        this.connections = connections;
        this.headerSync = headerSync;
        this.downloader = downloader;
        this.txRelay = txRelay;
        this.dataServer = dataServer;
        this.gossip = gossip;
        this.metrics = metrics;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public VersionMessage localVersion(Peer peer, long nonce) {
        NetAddress remote = peer.remoteAddress();
        PeerAddress receiver = remote.literal() == null ? PeerAddress.unspecified(0)
                : new PeerAddress(0, remote.literal(), remote.port());
        NetAddress me = self.get();
        PeerAddress sender = me == null || me.literal() == null ? PeerAddress.unspecified(config.services())
                : new PeerAddress(config.services(), me.literal(), me.port());
        return new VersionMessage(Protocol.PROTOCOL_VERSION, config.services(), clock.getAsLong() / 1000, receiver,
                sender, nonce, config.userAgent(), chain.tip().height(), Optional.of(config.relayTransactions()));
    }

    @Override
    public boolean isOwnNonce(long nonce) {
        Peer ours = peers.byLocalNonce(nonce);
        if (ours == null) {
            return false;
        }
        if (!ours.isInbound() && ours.listenAddress() != null) {
            book.markSelf(ours.listenAddress());
        }
        ours.disconnect("connected to self");
        return true;
    }

    @Override
    public void onReady(Peer p) {
        LOG.debug("{} ready: {} height {}", p, p.version().userAgent(), p.version().startHeight());
        connections.onPeerReady(p);
        gossip.onReady(p);
        headerSync.start(p);
    }

    @Override
    public void onMessage(Peer p, Message m) {
        if (m instanceof HeadersMessage h) {
            headerSync.onHeaders(p, h.headers());
        } else if (m instanceof InvMessage inv) {
            onInv(p, inv.items());
        } else if (m instanceof BlockMessage b) {
            onBlock(p, b.block());
        } else if (m instanceof TxMessage t) {
            txRelay.onTx(p, t.tx());
        } else if (m instanceof GetDataMessage g) {
            dataServer.onGetData(p, g.items());
        } else if (m instanceof GetHeadersMessage g) {
            dataServer.onGetHeaders(p, g);
        } else if (m instanceof GetBlocksMessage g) {
            dataServer.onGetBlocks(p, g);
        } else if (m instanceof NotFoundMessage n) {
            downloader.onNotFound(p, n.items());
            txRelay.onNotFound(p, n.items());
        } else if (m instanceof AddrMessage a) {
            gossip.onAddr(p, a);
        } else if (m instanceof GetAddrMessage) {
            gossip.onGetAddr(p);
        } else if (m instanceof MempoolMessage) {
            txRelay.onMempoolRequest(p);
        }
    }

    private void onInv(Peer p, List<InvItem> items) {
        List<Hash256> txs = new ArrayList<>();
        Hash256 unknownBlock = null;
        boolean knownBlock = false;
        for (InvItem item : items) {
            // BIP339, as Core: a wtxid-relay peer names transactions by MSG_WTX, others by MSG_TX; the
            // other kind is ignored.
            if (p.wtxidRelay() ? item.type() == InvItem.MSG_WTX : item.isTx()) {
                txs.add(item.hash());
            } else if (item.isBlock()) {
                p.known().add(item.hash());
                BlockNode n = chain.node(item.hash());
                if (n == null) {
                    unknownBlock = item.hash();
                } else {
                    p.sync().sawBlock(n);
                    knownBlock = true;
                }
            }
        }
        if (unknownBlock != null) {
            // Headers first: ask for the headers leading to it; the bodies follow once they validate.
            p.sync().lastUnknownBlock = unknownBlock;
            headerSync.requestHeaders(p, headerSync.bestHeader());
        }
        if (knownBlock) {
            downloader.schedule(p);
        }
        if (!txs.isEmpty() && config.relayTransactions()) {
            txRelay.onInv(p, txs);
        }
    }

    private void onBlock(Peer p, Block block) {
        downloader.onBlock(p, block).onComplete(ar -> {
            if (ar.succeeded()) {
                if (ar.result() == ChainState.Acceptance.ACCEPTED) {
                    p.markBlock(); // eviction protects peers that bring new blocks
                }
                if (ar.result() == ChainState.Acceptance.ORPHAN && p.isReady()) {
                    headerSync.requestHeaders(p, headerSync.bestHeader());
                }
                if (ar.result() != ChainState.Acceptance.DUPLICATE) {
                    downloader.scheduleAll(); // a duplicate changed nothing; its sender was topped up already
                }
            } else if (ar.cause() instanceof ValidationException ve) {
                p.misbehaving(Penalty.forBlock(ve.reason(), chain.node(block.hash())),
                        "invalid block " + block.hash() + ": " + ve.getMessage());
                downloader.scheduleAll();
            } else {
                LOG.error("chain failed on block {} from {}", block.hash(), p, ar.cause());
            }
        });
    }

    /**
     * Core's Discourage: the peer was disconnected; its address is discouraged (not banned, not saved),
     * and its other connections are closed too. A peer the user asked for (--connect, --addnode, addnode
     * onetry) or a whitelisted address (loopback's 127.0.0.1 by default) is only disconnected, as Core's
     * manual and noban peers: discouraging its IP would refuse the very node the user configured, or, on
     * a local testnet where every node is 127.0.0.1, every node. setban still bans for 24 h.
     */
    @Override
    public void onBanworthy(Peer p, String reason) {
        String host = p.remoteAddress().host();
        if (p.kind() == Peer.Kind.MANUAL || config.isWhitelisted(host)) {
            LOG.warn("not discouraging {} peer {} (disconnected instead): {}",
                    p.kind() == Peer.Kind.MANUAL ? "manual" : "whitelisted", p, reason);
            return;
        }
        bans.discourage(host);
        metrics.discouraged.incrementAndGet();
        for (Peer other : peers.withHost(host)) {
            if (other.kind() != Peer.Kind.MANUAL) {
                other.disconnect("address discouraged");
            }
        }
        LOG.info("discouraged {}: {}", host, reason);
    }

    @Override
    public void onClosed(Peer p) {
        peers.remove(p);
        metrics.peersConnected.decrementAndGet();
        metrics.disconnects.incrementAndGet();
        LOG.debug("{} closed: {}", p, p.closeReason());
        connections.onPeerClosed(p, p.handshakeCompleted());
        downloader.onPeerClosed(p);
        txRelay.onPeerClosed(p);
    }
}
