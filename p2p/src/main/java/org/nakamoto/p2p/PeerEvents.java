package org.nakamoto.p2p;

import org.nakamoto.p2p.wire.Message;
import org.nakamoto.p2p.wire.VersionMessage;

/** What a {@link Peer} reports to the network; every call is made on the network context. */
interface PeerEvents {
    /** Our version message for this connection, carrying {@code nonce}. */
    VersionMessage localVersion(Peer peer, long nonce);

    /** True if {@code nonce} is one we sent in a version message: the remote end is this very node. */
    boolean isOwnNonce(long nonce);

    /** The peer has sent version and verack; sync and relay may start. */
    void onReady(Peer peer);

    /** A decoded message other than the handshake and keep-alive ones, after the handshake. */
    void onMessage(Peer peer, Message message);

    /** The peer's score reached the ban threshold (it has already been told to disconnect). */
    void onBanworthy(Peer peer, String reason);

    /** The connection is gone; called once per peer. */
    void onClosed(Peer peer);
}
