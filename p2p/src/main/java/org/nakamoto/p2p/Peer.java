package org.nakamoto.p2p;

import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.p2p.wire.Frame;
import org.nakamoto.p2p.wire.FrameDecoder;
import org.nakamoto.p2p.wire.Message;
import org.nakamoto.p2p.wire.MessageRegistry;
import org.nakamoto.p2p.wire.NetworkMagic;
import org.nakamoto.p2p.wire.PingMessage;
import org.nakamoto.p2p.wire.PongMessage;
import org.nakamoto.p2p.wire.Protocol;
import org.nakamoto.p2p.wire.SendHeadersMessage;
import org.nakamoto.p2p.wire.UnknownMessage;
import org.nakamoto.p2p.wire.VerackMessage;
import org.nakamoto.p2p.wire.VersionMessage;
import org.nakamoto.p2p.wire.WireException;
import org.nakamoto.p2p.wire.WtxidRelayMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to another node: framing, the version/verack handshake, ping/pong, the bounded send
 * queue and the misbehaviour score. Everything else it hands to {@link PeerEvents}.
 *
 * <p>Concurrency: confined to the network's event-loop context. Vert.x calls the socket handlers there,
 * and every other caller is already on it; no field is touched from another thread, so none is guarded.
 *
 * <p>Size: about 670 lines, above the project's 400, because reading, the handshake (with BIP339's step),
 * the send queue and the per-peer backpressure all decide together whether the one socket is read (the
 * read-hold flags and the network's receive budget); split apart, each part would need the others' state.
 * Sync and relay state lives in {@link PeerSyncState}, the rest of the network's logic outside.
 */
public final class Peer {
    private static final Logger LOG = LoggerFactory.getLogger(Peer.class);
    /** Oldest protocol we talk to: 70001 has the relay flag and everything this node sends. */
    static final int MIN_PEER_VERSION = 70001;
    /** BIP130 sendheaders. */
    static final int SENDHEADERS_VERSION = 70012;
    /** Reading from a peer stops while more chain-thread tasks than this are pending for it. */
    static final int MAX_CHAIN_TASKS = 3;
    /**
     * What a peer may send before its verack: version, verack and the feature negotiations that Core sends
     * between the two (BIP339 wtxidrelay, BIP155 sendaddrv2, BIP330 sendtxrcncl). Anything else before the
     * handshake, or any frame over {@value #MAX_HANDSHAKE_PAYLOAD} bytes, closes the connection: an
     * unauthenticated socket can make us buffer at most a kilobyte.
     */
    static final Set<String> HANDSHAKE_COMMANDS = Set.of("version", "verack", "wtxidrelay", "sendaddrv2",
            "sendtxrcncl");
    static final int MAX_HANDSHAKE_PAYLOAD = 1_000;

    /** How the connection came about; only {@link #OUTBOUND} uses one of the outbound slots. */
    public enum Kind { INBOUND, OUTBOUND, MANUAL }

    private final long id;
    private final NetSocket socket;
    private final Kind kind;
    private final NetAddress remote;
    /** For outbound peers the address we dialled; for inbound ones, the listening address they claimed. */
    private NetAddress listenAddress;
    private final NetworkMagic magic;
    private final MessageRegistry registry;
    private final FrameDecoder decoder;
    private final P2pConfig config;
    private final P2pMetrics metrics;
    private final LongSupplier clock;
    private final PeerEvents events;
    private final long connectedAt;
    private final NetBudget budget;
    /** The share of {@link NetBudget}'s received bytes this peer's decoder holds. */
    private long accountedBytes;
    /** Paused because all peers' received bytes are over budget (the socket only; frames still decode). */
    private boolean budgetHeld;
    /** Last time a byte arrived or reading resumed: a half-received frame older than peerTimeout drops us. */
    private long lastProgressAt;
    private long lastBlockAt;
    private long lastTxAt;
    private long minPingMillis = Long.MAX_VALUE;

    private final long localNonce = ThreadLocalRandom.current().nextLong();
    private boolean versionSent;
    private VersionMessage version;
    private boolean verackReceived;
    private boolean ready;
    private boolean closing;
    private boolean closeReported;
    private String closeReason;

    private boolean prefersHeaders;
    /** BIP339: both sides sent wtxidrelay before verack; transactions go by wtxid (MSG_WTX). */
    private boolean wtxidRelay;
    private int banScore;

    private long pingNonce;
    private long pingSentAt;
    private long lastPingMillis = -1;
    private long lastReceiveAt;
    private long lastSendAt;

    private long queuedBytes;
    private long queueFullSince;
    // Reading is held (socket paused, buffered frames left undecoded) while any of these says so.
    /** The socket's write queue is over its high-water mark. */
    private boolean sendHeld;
    /** Chain-thread tasks submitted for this peer's messages and not yet finished. */
    private int chainTasks;
    /** DataServer is still serving this peer's earlier getdata. */
    private boolean dataHeld;
    private boolean socketPaused;
    private boolean processing;

    private final PeerStats stats = new PeerStats();
    private final KnownInventory knownInventory;
    private final PeerSyncState sync = new PeerSyncState();

    Peer(long id, NetSocket socket, Kind kind, NetAddress remote, NetAddress dialled, NetworkMagic magic,
            P2pConfig config, P2pMetrics metrics, LongSupplier clock, PeerEvents events, NetBudget budget) {
        this.id = id;
        this.socket = socket;
        this.kind = kind;
        this.remote = remote;
        this.listenAddress = dialled;
        this.magic = magic;
        this.registry = MessageRegistry.standard();
        this.decoder = new FrameDecoder(magic, this::payloadLimit);
        this.budget = budget;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.events = events;
        this.connectedAt = clock.getAsLong();
        this.lastProgressAt = connectedAt;
        this.knownInventory = new KnownInventory(config.knownInventoryCapacity());
    }

    /** Installs the socket handlers and, for a connection we made, opens the handshake. */
    void start() {
        socket.setWriteQueueMaxSize(config.writeQueueHighWaterBytes());
        socket.handler(this::onData);
        socket.exceptionHandler(t -> disconnect("socket error: " + t.getMessage()));
        socket.closeHandler(v -> onSocketClosed());
        if (kind != Kind.INBOUND) {
            sendVersion();
        }
    }

    // ---- receiving

    /** The frame decoder's cap per command: the registry's after the handshake, tiny before it. */
    private int payloadLimit(String command) {
        if (ready) {
            return command == null ? Protocol.MAX_PROTOCOL_MESSAGE_LENGTH : registry.maxPayload(command);
        }
        return command != null && HANDSHAKE_COMMANDS.contains(command)
                ? Math.min(registry.maxPayload(command), MAX_HANDSHAKE_PAYLOAD) : 0;
    }

    private void onData(Buffer buffer) {
        if (closing) {
            return;
        }
        int n = buffer.length();
        lastReceiveAt = clock.getAsLong();
        lastProgressAt = lastReceiveAt;
        stats.receivedRaw(n);
        metrics.bytesReceived.addAndGet(n);
        decoder.feed(buffer.getBytes());
        account();
        if (!budgetHeld && accountedBytes > NetBudget.SMALL_PEER_BYTES && budget.receiveOver(this)) {
            budgetHeld = true;
            metrics.budgetPauses.incrementAndGet();
            updateReading();
        }
        processFrames();
    }

    /** Brings this peer's share of the network's receive budget up to date with its decoder. */
    private void account() {
        long now = closing ? 0 : decoder.buffered();
        if (now != accountedBytes) {
            long delta = now - accountedBytes;
            accountedBytes = now;
            budget.received(delta);
        }
    }

    /** NetBudget: the network's received bytes are back under budget. */
    void budgetResume() {
        if (budgetHeld) {
            budgetHeld = false;
            lastProgressAt = clock.getAsLong();
            updateReading();
        }
    }

    /**
     * Decodes and dispatches buffered frames until none is left or reading is held (then the rest stay in
     * the decoder until {@link #updateReading} releases the hold). Not re-entered: a dispatch that ends up
     * here again returns at once and the outer loop carries on.
     */
    private void processFrames() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!closing && !isReadingHeld()) {
                Frame frame;
                try {
                    frame = decoder.next();
                } catch (WireException e) {
                    misbehaving(Misbehaviour.score(e.error()), e.getMessage());
                    if (e.isFatal()) {
                        disconnect("unframeable stream: " + e.getMessage());
                        return;
                    }
                    continue;
                }
                if (frame == null) {
                    return;
                }
                // Commands are chosen by the peer: count unknown ones together, so the per-command maps (and
                // the node's meters built from them) stay bounded, as Core's "*other*".
                String counted = registry.knows(frame.command()) ? frame.command() : PeerStats.OTHER;
                stats.received(counted, Frame.HEADER_SIZE + frame.payloadLength());
                metrics.messagesReceived.incrementAndGet();
                Message message;
                try {
                    message = registry.decode(frame);
                } catch (WireException e) {
                    misbehaving(Misbehaviour.score(e.error()), e.getMessage());
                    continue;
                }
                dispatch(message);
            }
        } finally {
            processing = false;
            account();
        }
    }

    private boolean isReadingHeld() {
        return sendHeld || chainTasks > MAX_CHAIN_TASKS || dataHeld;
    }

    /** Pauses or resumes the socket (and the processing of buffered frames) to match the holds. */
    private void updateReading() {
        boolean hold = isReadingHeld() || budgetHeld;
        if (hold && !socketPaused) {
            socketPaused = true;
            socket.pause();
        } else if (!hold && socketPaused && !closing) {
            socketPaused = false;
            lastProgressAt = clock.getAsLong();
            socket.resume();
            processFrames();
        }
    }

    /** A chain-thread task for this peer's data was submitted: above a few, stop reading from it. */
    void chainTaskStarted() {
        chainTasks++;
        updateReading();
    }

    void chainTaskDone() {
        chainTasks--;
        updateReading();
    }

    int pendingChainTasks() {
        return chainTasks;
    }

    /** DataServer: hold reading while this peer's getdata backlog is being served. */
    void holdForData(boolean hold) {
        if (dataHeld != hold) {
            dataHeld = hold;
            updateReading();
        }
    }

    private void dispatch(Message m) {
        if (m instanceof VersionMessage v) {
            onVersion(v);
        } else if (m instanceof VerackMessage) {
            onVerack();
        } else if (!ready && !HANDSHAKE_COMMANDS.contains(m.command())) {
            // Core ignores these; we close, so a stranger cannot keep us busy before identifying itself.
            disconnect(m.command() + " before the handshake completed");
        } else if (m instanceof WtxidRelayMessage) {
            onWtxidRelay();
        } else if (m instanceof UnknownMessage || !ready) {
            return; // newer peers send sendcmpct, feefilter, wtxidrelay...: not misbehaviour
        } else if (m instanceof PingMessage p) {
            send(new PongMessage(p.nonce()));
        } else if (m instanceof PongMessage p) {
            onPong(p);
        } else if (m instanceof SendHeadersMessage) {
            prefersHeaders = true;
        } else {
            events.onMessage(this, m);
        }
    }

    private void onVersion(VersionMessage v) {
        if (version != null) {
            misbehaving(Misbehaviour.PROTOCOL_ORDER, "duplicate version message");
            return;
        }
        if (events.isOwnNonce(v.nonce())) {
            disconnect("connected to self (nonce " + Long.toUnsignedString(v.nonce()) + ")");
            return;
        }
        if (v.version() < MIN_PEER_VERSION) {
            disconnect("obsolete protocol version " + v.version());
            return;
        }
        version = v;
        if (kind == Kind.INBOUND && v.sender().port() != 0 && listenAddress == null) {
            listenAddress = new NetAddress(remote.host(), v.sender().port());
        }
        if (!versionSent) {
            sendVersion();
        }
        if (v.version() >= WtxidRelayMessage.VERSION) {
            send(WtxidRelayMessage.INSTANCE); // BIP339: between version and verack
        }
        send(new VerackMessage());
        maybeReady();
    }

    /** BIP339, as Core: only between version and verack; afterwards it is a protocol violation. */
    private void onWtxidRelay() {
        if (version == null || verackReceived) {
            disconnect("wtxidrelay " + (version == null ? "before version" : "after verack"));
            return;
        }
        if (version.version() >= WtxidRelayMessage.VERSION) {
            wtxidRelay = true;
        }
    }

    private void onVerack() {
        if (version == null || verackReceived) {
            misbehaving(Misbehaviour.PROTOCOL_ORDER, "unexpected verack");
            return;
        }
        verackReceived = true;
        maybeReady();
    }

    private void maybeReady() {
        if (ready || version == null || !verackReceived) {
            return;
        }
        ready = true;
        if (version.version() >= SENDHEADERS_VERSION) {
            send(new SendHeadersMessage());
        }
        sendPing();
        events.onReady(this);
    }

    private void onPong(PongMessage p) {
        if (pingNonce != 0 && p.nonce() == pingNonce) {
            lastPingMillis = clock.getAsLong() - pingSentAt;
            minPingMillis = Math.min(minPingMillis, lastPingMillis);
            pingNonce = 0;
        }
        // A pong that matches nothing is ignored, as Core does.
    }

    // ---- sending

    private void sendVersion() {
        versionSent = true;
        send(events.localVersion(this, localNonce));
    }

    private void sendPing() {
        long nonce;
        do {
            nonce = ThreadLocalRandom.current().nextLong();
        } while (nonce == 0);
        pingNonce = nonce;
        pingSentAt = clock.getAsLong();
        send(new PingMessage(nonce));
    }

    /** Queues a message; a peer whose queue overflows is disconnected instead. */
    public void send(Message m) {
        if (closing) {
            return;
        }
        write(m.command(), m.encode(magic));
    }

    /** Queues a message whose payload is already serialized (a stored block, for instance). */
    void sendRaw(String command, byte[] payload) {
        if (closing) {
            return;
        }
        write(command, Frame.of(command, payload).encode(magic));
    }

    private void write(String command, byte[] frame) {
        int n = frame.length;
        if (queuedBytes + n > config.maxSendQueueBytes()) {
            disconnect("send queue over " + config.maxSendQueueBytes() + " bytes: peer is not reading");
            return;
        }
        queuedBytes += n;
        stats.sent(command, n);
        metrics.messagesSent.incrementAndGet();
        metrics.bytesSent.addAndGet(n);
        lastSendAt = clock.getAsLong();
        socket.write(Buffer.buffer(frame)).onComplete(ar -> queuedBytes -= n);
        if (!sendHeld && socket.writeQueueFull()) {
            // Stop reading its requests until it reads our answers (Core's fPauseSend); the housekeeping
            // tick drops it if it stays this way.
            sendHeld = true;
            queueFullSince = clock.getAsLong();
            updateReading();
            socket.drainHandler(v -> {
                sendHeld = false;
                updateReading();
            });
        }
    }

    /** Bytes queued on the socket that the kernel has not taken yet (they may sit off-heap, in direct buffers). */
    long pendingWriteBytes() {
        if (socket instanceof NetSocketInternal internal) {
            ChannelOutboundBuffer b = internal.channelHandlerContext().channel().unsafe().outboundBuffer();
            return b == null ? 0 : b.totalPendingWriteBytes();
        }
        return queuedBytes;
    }

    /** True while the socket's write queue is over its high-water mark, or all peers' queues over budget. */
    boolean isSendQueueFull() {
        return sendHeld || budget.sendOver();
    }

    // ---- housekeeping

    /** Called by the network's periodic tick: handshake, ping and send-stall timeouts. */
    void tick(long now) {
        if (closing) {
            return;
        }
        if (!ready) {
            if (now - connectedAt > config.handshakeTimeout().toMillis()) {
                disconnect("no handshake within " + config.handshakeTimeout());
            }
            return;
        }
        // A frame half-received while we were willing to read: the peer parked mid-frame (held by the
        // budget counts too, or a budget held by parked peers would never free).
        if (decoder.buffered() > 0 && !isReadingHeld() && now - lastProgressAt > config.peerTimeout().toMillis()) {
            disconnect("frame unfinished for " + config.peerTimeout());
            return;
        }
        if (pingNonce != 0 && now - pingSentAt > config.pingTimeout().toMillis()) {
            disconnect("no pong within " + config.pingTimeout());
            return;
        }
        if (pingNonce == 0 && now - pingSentAt >= config.pingInterval().toMillis()) {
            sendPing();
        }
        if (sendHeld && now - queueFullSince > config.sendStallTimeout().toMillis()) {
            disconnect("send queue full for " + config.sendStallTimeout());
        }
    }

    /** Adds to the misbehaviour score; at the threshold the peer is disconnected and reported for a ban. */
    void misbehaving(int score, String reason) {
        if (score <= 0) {
            return;
        }
        metrics.misbehaviourEvents.incrementAndGet();
        int before = banScore;
        banScore += score;
        LOG.debug("{} misbehaving (+{} = {}): {}", this, score, banScore, reason);
        if (before < Misbehaviour.BAN_THRESHOLD && banScore >= Misbehaviour.BAN_THRESHOLD) {
            disconnect("misbehaving: " + reason);
            events.onBanworthy(this, reason);
        }
    }

    /** Closes the connection; {@link PeerEvents#onClosed} follows once the socket is closed. */
    public void disconnect(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = reason;
        releaseBudget();
        LOG.debug("{} disconnecting: {}", this, reason);
        // Vert.x's close() flushes the write queue first, which never ends for a peer that stopped
        // reading; close the channel itself, and free the peer's slot now rather than at the socket's pace.
        if (socket instanceof NetSocketInternal internal) {
            internal.channelHandlerContext().channel().close();
        } else {
            socket.close();
        }
        onSocketClosed();
    }

    private void releaseBudget() {
        budget.forget(this);
        budgetHeld = false;
        account();
    }

    private void onSocketClosed() {
        closing = true;
        releaseBudget();
        if (closeReported) {
            return;
        }
        closeReported = true;
        if (closeReason == null) {
            closeReason = "closed by peer";
        }
        events.onClosed(this);
    }

    // ---- state, for the rest of the network layer

    public long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isInbound() {
        return kind == Kind.INBOUND;
    }

    public NetAddress remoteAddress() {
        return remote;
    }

    /** Where this peer accepts connections, when known. */
    NetAddress listenAddress() {
        return listenAddress;
    }

    public boolean isReady() {
        return ready && !closing;
    }

    /** True once version and verack were exchanged, even if the peer has since closed. */
    boolean handshakeCompleted() {
        return ready;
    }

    boolean isClosing() {
        return closing;
    }

    String closeReason() {
        return closeReason;
    }

    VersionMessage version() {
        return version;
    }

    long localNonce() {
        return localNonce;
    }

    boolean prefersHeaders() {
        return prefersHeaders;
    }

    /** BIP339 negotiated: announce and request transactions by wtxid. */
    boolean wtxidRelay() {
        return wtxidRelay;
    }

    /** BIP144: the peer signals NODE_WITNESS, so it can give and take witness serializations. */
    boolean hasWitness() {
        return version != null && (version.services() & VersionMessage.NODE_WITNESS) != 0;
    }

    boolean relaysTransactions() {
        return version != null && version.relaysTransactions();
    }

    int banScore() {
        return banScore;
    }

    long connectedAt() {
        return connectedAt;
    }

    /** Lowest ping seen, Long.MAX_VALUE before the first pong (eviction protects the fastest peers). */
    long minPingMillis() {
        return minPingMillis;
    }

    /** When the peer last gave us a new valid block (0 for never). */
    long lastBlockAt() {
        return lastBlockAt;
    }

    long lastTxAt() {
        return lastTxAt;
    }

    void markBlock() {
        lastBlockAt = clock.getAsLong();
    }

    void markTx() {
        lastTxAt = clock.getAsLong();
    }

    KnownInventory known() {
        return knownInventory;
    }

    PeerSyncState sync() {
        return sync;
    }

    PeerStats stats() {
        return stats;
    }

    PeerInfo info() {
        VersionMessage v = version;
        BlockNode best = sync.bestKnown();
        return new PeerInfo(id, remote.toString(), kind == Kind.INBOUND, kind.name().toLowerCase(),
                v == null ? 0 : v.version(), v == null ? 0 : v.services(), v == null ? "" : v.userAgent(),
                v == null ? -1 : v.startHeight(), v != null && v.relaysTransactions(), connectedAt,
                lastSendAt, lastReceiveAt, stats.totalSent(), stats.totalReceived(), stats.sentPerCommand(),
                stats.receivedPerCommand(), lastPingMillis, pingNonce == 0 ? -1 : clock.getAsLong() - pingSentAt,
                banScore, best == null ? -1 : best.height(), sync.blocksInFlight, prefersHeaders, ready);
    }

    @Override
    public String toString() {
        return "peer=" + id + " " + remote + (kind == Kind.INBOUND ? " in" : " out");
    }
}
