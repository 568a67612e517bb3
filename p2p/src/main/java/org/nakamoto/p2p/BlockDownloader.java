package org.nakamoto.p2p;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.p2p.wire.GetDataMessage;
import org.nakamoto.p2p.wire.InvItem;

/**
 * Fetches the bodies of blocks whose headers are valid, from every peer that has them at once: each peer
 * gets at most {@code maxBlocksInFlightPerPeer} requests outstanding, drawn from a window of
 * {@code blockDownloadWindow} blocks above the fork point of its best known block with our chain
 * (Core's FindNextBlocksToDownload). A request older than {@code blockStallTimeout} is withdrawn and the
 * block is asked of another peer (the staller is skipped for that block for a while).
 *
 * <p>A block that was not requested is ignored unless its parent is known and its chain work would be at
 * least the tip's (Core's fRequested check), so a peer cannot fill the store with cheap side branches.
 *
 * <p>Blocks of equal work are fetched too: fork choice breaks ties by hash, so every node must hold the
 * competing blocks to settle on the same one.
 *
 * <p>Confined to the network context.
 */
final class BlockDownloader {
    private record Request(Peer peer, long at) {
    }

    /** Timed-out block requests after which a peer is dropped even away from the window's base. */
    static final int MAX_STALLS = 2;

    private final ChainView chain;
    private final ChainGateway gateway;
    private final PeerRegistry peers;
    private final P2pConfig config;
    private final P2pMetrics metrics;
    private final LongSupplier clock;

    private final Map<Hash256, Request> inFlight = new HashMap<>();
    /** Received and handed to the chain thread, not yet decided. */
    private final Set<Hash256> validating = new HashSet<>();
    /** Blocks whose last request timed out, with the peer that let it: skip that peer for a while. */
    private final Map<Hash256, Request> stalledOn = new HashMap<>();

    BlockDownloader(ChainView chain, ChainGateway gateway, PeerRegistry peers, P2pConfig config,
            P2pMetrics metrics, LongSupplier clock) {
        this.chain = chain;
        this.gateway = gateway;
        this.peers = peers;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    void scheduleAll() {
        for (Peer p : peers.ready()) {
            schedule(p);
        }
    }

    /** Requests what this peer can give us, up to its in-flight limit. */
    void schedule(Peer p) {
        PeerSyncState s = p.sync();
        BlockNode best = s.bestKnown();
        int room = config.maxBlocksInFlightPerPeer() - s.blocksInFlight;
        if (!p.isReady() || best == null || room <= 0 || best.isFailed() || best.hasData()
                && chain.activeChain().contains(best)) {
            return;
        }
        if (best.chainWork().compareTo(chain.tip().chainWork()) < 0) {
            return;
        }
        ActiveChain active = chain.activeChain();
        BlockNode fork = active.findFork(best);
        int top = Math.min(best.height(), fork.height() + config.blockDownloadWindow());
        int count = top - fork.height();
        if (count <= 0) {
            return;
        }
        BlockNode[] path = new BlockNode[count];
        BlockNode n = best.ancestor(top);
        for (int i = count - 1; i >= 0; i--) {
            path[i] = n;
            n = n.parent();
        }
        long now = clock.getAsLong();
        long skipFor = 4 * config.blockStallTimeout().toMillis();
        int segwitHeight = chain.params().softForks().segwitHeight();
        List<InvItem> wanted = new ArrayList<>();
        for (BlockNode b : path) {
            if (wanted.size() >= room || b.isFailed()) {
                break;
            }
            if (!p.hasWitness() && b.height() >= segwitHeight) {
                break; // as Core: a peer without NODE_WITNESS cannot give us a segwit block's witnesses
            }
            Hash256 h = b.hash();
            if (b.hasData() || inFlight.containsKey(h) || validating.contains(h)) {
                continue;
            }
            Request stalled = stalledOn.get(h);
            if (stalled != null && stalled.peer() == p && now - stalled.at() < skipFor) {
                continue;
            }
            wanted.add(InvItem.blockRequest(h, p.hasWitness()));
            inFlight.put(h, new Request(p, now));
        }
        if (!wanted.isEmpty()) {
            s.blocksInFlight += wanted.size();
            p.send(new GetDataMessage(wanted));
        }
    }

    /**
     * A block arrived (asked for or not): hands it to the chain thread, and keeps this peer's pipeline
     * full meanwhile. The future fails with the chain's ValidationException for an invalid block.
     */
    Future<ChainState.Acceptance> onBlock(Peer p, Block block) {
        Hash256 h = block.hash();
        boolean requested = inFlight.containsKey(h);
        release(h);
        stalledOn.remove(h);
        p.known().add(h);
        metrics.blocksReceived.incrementAndGet();
        BlockNode known = chain.node(h);
        p.sync().sawBlock(known);
        if (known != null && known.isFailed()) {
            return Future.failedFuture(new ValidationException(RejectReason.DUPLICATE_BLOCK, "known invalid: " + h));
        }
        if (validating.contains(h) || known != null && known.hasData()) {
            // Already on its way through the chain thread, or stored: never queue it twice.
            schedule(p);
            return Future.succeededFuture(ChainState.Acceptance.DUPLICATE);
        }
        if (!requested) {
            // Core's fRequested check: a block nobody asked for is stored only if it could become the tip.
            BlockNode parent = chain.node(block.header().prevHash());
            if (parent == null) {
                // Not stored or validated; ORPHAN makes the caller ask this peer for the headers leading
                // to it, after which it is requested like any other block.
                metrics.unrequestedBlocksIgnored.incrementAndGet();
                return Future.succeededFuture(ChainState.Acceptance.ORPHAN);
            }
            BigInteger work = parent.chainWork().add(ProofOfWork.work(block.header().bits()));
            if (work.compareTo(chain.tip().chainWork()) < 0) {
                metrics.unrequestedBlocksIgnored.incrementAndGet();
                return Future.succeededFuture(ChainState.Acceptance.DUPLICATE);
            }
        }
        validating.add(h);
        Future<ChainState.Acceptance> result = gateway.callFor(p, c -> c.acceptBlock(block)).andThen(ar -> {
            validating.remove(h);
            p.sync().sawBlock(chain.node(h));
        });
        schedule(p);
        return result;
    }

    void onNotFound(Peer p, List<InvItem> items) {
        long now = clock.getAsLong();
        for (InvItem item : items) {
            Request r = item.isAnyBlock() ? inFlight.get(item.hash()) : null;
            if (r != null && r.peer() == p) {
                release(item.hash());
                stalledOn.put(item.hash(), new Request(p, now));
            }
        }
        scheduleAll();
    }

    void onPeerClosed(Peer p) {
        inFlight.values().removeIf(r -> r.peer() == p);
        stalledOn.values().removeIf(r -> r.peer() == p);
        scheduleAll();
    }

    /**
     * Withdraws timed-out requests, then tops every peer up. A peer that let the request for the block at
     * the base of the download window (the next one our active chain needs) time out, or that stalled
     * {@value #MAX_STALLS} times, is disconnected so sync moves on (Core's BLOCK_STALLING_TIMEOUT).
     */
    void tick(long now) {
        long timeout = config.blockStallTimeout().toMillis();
        ActiveChain active = chain.activeChain();
        Set<Peer> stallers = new LinkedHashSet<>();
        for (Iterator<Map.Entry<Hash256, Request>> it = inFlight.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Hash256, Request> e = it.next();
            Request r = e.getValue();
            if (now - r.at() > timeout) {
                it.remove();
                PeerSyncState s = r.peer().sync();
                s.blocksInFlight--;
                s.stalls++;
                stalledOn.put(e.getKey(), new Request(r.peer(), now));
                metrics.blockStalls.incrementAndGet();
                BlockNode n = chain.node(e.getKey());
                boolean base = n != null && n.parent() != null && active.contains(n.parent());
                if (base || s.stalls >= MAX_STALLS) {
                    stallers.add(r.peer());
                }
            }
        }
        // After the loop: disconnecting calls back into onPeerClosed, which edits inFlight.
        for (Peer p : stallers) {
            p.disconnect("stalled block download (" + p.sync().stalls + " timed-out requests)");
        }
        stalledOn.values().removeIf(r -> now - r.at() > 4 * timeout);
        scheduleAll();
    }

    private void release(Hash256 h) {
        Request r = inFlight.remove(h);
        if (r != null) {
            r.peer().sync().blocksInFlight--;
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }
}
