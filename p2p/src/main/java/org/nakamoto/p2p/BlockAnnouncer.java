package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.p2p.wire.HeadersMessage;
import org.nakamoto.p2p.wire.InvItem;
import org.nakamoto.p2p.wire.InvMessage;

/**
 * Tells peers about new tips: headers to peers that sent sendheaders (BIP130) when the peer can connect
 * them, inv otherwise; never a block the peer already has or was told about. Like Core, it stays quiet
 * while the node is still catching up, and announces at most 8 blocks (beyond that, only the tip, by inv).
 *
 * <p>Confined to the network context.
 */
final class BlockAnnouncer {
    static final int MAX_BLOCKS_TO_ANNOUNCE = 8;

    private final ChainView chain;
    private final PeerRegistry peers;
    private final BooleanSupplier catchingUp;
    private BlockNode lastAnnounced;

    BlockAnnouncer(ChainView chain, PeerRegistry peers, BooleanSupplier catchingUp) {
        this.chain = chain;
        this.peers = peers;
        this.catchingUp = catchingUp;
        this.lastAnnounced = chain.tip();
    }

    /** The tip moved (possibly several blocks, possibly by a reorganisation). */
    void tipChanged() {
        BlockNode tip = chain.tip();
        if (tip == lastAnnounced || catchingUp.getAsBoolean()) {
            return;
        }
        BlockNode fork = chain.activeChain().findFork(lastAnnounced);
        lastAnnounced = tip;
        boolean tooMany = tip.height() - fork.height() > MAX_BLOCKS_TO_ANNOUNCE;
        List<BlockNode> fresh = new ArrayList<>();
        if (tooMany) {
            fresh.add(tip);
        } else {
            for (BlockNode n = tip; n != fork; n = n.parent()) {
                fresh.add(0, n);
            }
        }
        for (Peer p : peers.ready()) {
            announce(p, fresh, tooMany);
        }
    }

    private void announce(Peer p, List<BlockNode> blocks, boolean tooMany) {
        List<BlockNode> unknown = new ArrayList<>();
        for (BlockNode b : blocks) {
            if (!p.known().contains(b.hash()) && !p.sync().has(b)) {
                unknown.add(b);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        BlockNode parent = unknown.get(0).parent();
        boolean peerCanConnect = parent != null && (p.known().contains(parent.hash()) || p.sync().has(parent));
        if (p.prefersHeaders() && !tooMany && peerCanConnect) {
            List<BlockHeader> headers = new ArrayList<>(unknown.size());
            unknown.forEach(b -> headers.add(b.header()));
            p.send(new HeadersMessage(headers));
        } else {
            List<InvItem> items = new ArrayList<>(unknown.size());
            unknown.forEach(b -> items.add(InvItem.block(b.hash())));
            p.send(new InvMessage(items));
        }
        unknown.forEach(b -> p.known().add(b.hash()));
    }
}
