package org.nakamoto.p2p;

import java.util.ArrayDeque;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.p2p.wire.InvItem;

/**
 * What the sync and relay logic knows about one peer's chain. Confined to the network context, like the
 * {@link Peer} that owns it.
 */
final class PeerSyncState {
    /** The most-work block this peer is known to have (from headers or inv it sent us), or null. */
    private BlockNode bestKnown;
    /** The last block the peer announced that we had no header for; resolved when its header arrives. */
    Hash256 lastUnknownBlock;
    /** Blocks requested from this peer and not yet received. */
    int blocksInFlight;
    /** Headers messages from this peer that did not connect to anything we know. */
    int unconnectingHeaders;
    /** Times a block requested from this peer timed out. */
    int stalls;
    boolean getaddrAnswered;
    /** HeaderSync: a low-work header chain being checked in memory before it is stored, or null. */
    HeaderPresync presync;
    /** DataServer: getdata items of this peer not served yet. */
    final ArrayDeque<InvItem> getDataQueue = new ArrayDeque<>();
    /** DataServer: items of this peer's getdata we do not have, not yet reported. */
    final java.util.List<InvItem> notFound = new java.util.ArrayList<>();
    /** DataServer: a batch of this peer's getdata is being read or sent. */
    boolean serving;
    /**
     * DataServer (Core's hashContinue): the last hash of a full 500-block getblocks answer; when the peer
     * asks for that block, we announce our tip so that it sends the next getblocks. Null otherwise.
     */
    Hash256 hashContinue;
    /** TxRelay: requests this peer owns (in flight, queued, or awaiting the mempool check). */
    int txOwned;
    /** TxRelay: transactions requested from this peer and not yet answered. */
    int txInFlight;
    /** TxRelay: txids assigned to this peer, waiting for an in-flight slot (may hold resolved ones). */
    final ArrayDeque<Hash256> txQueue = new ArrayDeque<>();
    /** Core's addr token bucket: addresses this peer may still have processed; -1 until first used. */
    double addrTokens = -1;
    long addrTokensAt;

    BlockNode bestKnown() {
        return bestKnown;
    }

    /** Records that the peer has {@code n} (and so all its ancestors). */
    void sawBlock(BlockNode n) {
        if (n != null && (bestKnown == null || n.chainWork().compareTo(bestKnown.chainWork()) > 0)) {
            bestKnown = n;
        }
    }

    /** True if {@code n} is {@link #bestKnown} or one of its ancestors. */
    boolean has(BlockNode n) {
        return bestKnown != null && bestKnown.height() >= n.height() && bestKnown.ancestor(n.height()) == n;
    }
}
