package org.nakamoto.p2p;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.p2p.wire.VersionMessage;

/**
 * Everything the network layer can be told, with Bitcoin Core's defaults where Core has one. Immutable;
 * build with {@link #builder()}. Durations are short in tests and long in production.
 *
 * @param listenHost        interface to listen on (127.0.0.1 by default: the node dials and listens on
 *                          loopback unless configured otherwise); null to not listen at all
 * @param listenPort        0 for an ephemeral port
 * @param advertiseHost     the host put in our version message and self-advertised in addr; null for
 *                          none (then nothing about us is advertised)
 * @param dataDir           where peers.txt and banlist.txt live; null keeps both in memory only
 * @param connect           if not empty, dial only these (Core's -connect), and nothing learned
 * @param addNodes          always keep a connection to these (Core's -addnode), on top of the outbound slots
 * @param seeds             addresses to start the address book with (plus the params' seeds)
 * @param dialLearnedAddresses false (the default) keeps the project rule "the node dials only addresses
 *                          it is given": addresses learned from addr messages (or from a peers.txt) are
 *                          stored and dialled only when they are loopback; true also uses the others
 * @param whitelist         hosts exempt from discouragement and the per-address limit (Core's noban)
 * @param maxInboundPerHost inbound connections one non-whitelisted address may hold at once
 * @param peerTimeout       a frame left half-received this long (while we read) drops the peer
 * @param receiveBudgetBytes all peers' undecoded received bytes together; past it, reading pauses
 * @param sendBudgetBytes   all peers' queued outgoing bytes together; past it, getdata is not served
 * @param maxPresyncHeaders longest low-work header chain verified in memory before it is given up
 */
public record P2pConfig(
        String listenHost,
        int listenPort,
        String advertiseHost,
        Path dataDir,
        List<NetAddress> connect,
        List<NetAddress> addNodes,
        List<NetAddress> seeds,
        int maxOutbound,
        int maxInbound,
        long services,
        String userAgent,
        boolean relayTransactions,
        Duration tickInterval,
        Duration handshakeTimeout,
        Duration pingInterval,
        Duration pingTimeout,
        Duration banDuration,
        Duration reconnectBaseDelay,
        Duration reconnectMaxDelay,
        Duration blockStallTimeout,
        Duration sendStallTimeout,
        Duration connectTimeout,
        int writeQueueHighWaterBytes,
        long maxSendQueueBytes,
        int maxBlocksInFlightPerPeer,
        int blockDownloadWindow,
        int knownInventoryCapacity,
        int addressBookCapacity,
        boolean dialLearnedAddresses,
        List<String> whitelist,
        int maxInboundPerHost,
        Duration peerTimeout,
        long receiveBudgetBytes,
        long sendBudgetBytes,
        int maxPresyncHeaders) {

    /** Core's DEFAULT_MAX_PEER_CONNECTIONS (125) minus the 8 full-relay outbound slots. */
    public static final int DEFAULT_MAX_INBOUND = 117;
    public static final int DEFAULT_MAX_OUTBOUND = 8;
    /**
     * Loopback's own address is exempt from discouragement by default, so that one bad frame from a local
     * process cannot cut a local testnet (bin/testnet) apart; other 127/8 addresses are not (tests attack
     * from 127.0.0.2). An empty whitelist exempts nobody.
     */
    public static final List<String> DEFAULT_WHITELIST = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");
    public static final int DEFAULT_MAX_INBOUND_PER_HOST = 8;

    /** True if misbehaviour from {@code host} must not discourage or ban it. */
    public boolean isWhitelisted(String host) {
        return whitelist.contains(host);
    }

    public P2pConfig {
        connect = List.copyOf(connect);
        addNodes = List.copyOf(addNodes);
        seeds = List.copyOf(seeds);
        whitelist = List.copyOf(whitelist);
        if (maxOutbound < 0 || maxInbound < 0 || maxBlocksInFlightPerPeer < 1) {
            throw new IllegalArgumentException("connection counts must be non-negative, in-flight at least 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.listenHost = listenHost;
        b.listenPort = listenPort;
        b.advertiseHost = advertiseHost;
        b.dataDir = dataDir;
        b.connect = new ArrayList<>(connect);
        b.addNodes = new ArrayList<>(addNodes);
        b.seeds = new ArrayList<>(seeds);
        b.maxOutbound = maxOutbound;
        b.maxInbound = maxInbound;
        b.services = services;
        b.userAgent = userAgent;
        b.relayTransactions = relayTransactions;
        b.tickInterval = tickInterval;
        b.handshakeTimeout = handshakeTimeout;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.banDuration = banDuration;
        b.reconnectBaseDelay = reconnectBaseDelay;
        b.reconnectMaxDelay = reconnectMaxDelay;
        b.blockStallTimeout = blockStallTimeout;
        b.sendStallTimeout = sendStallTimeout;
        b.connectTimeout = connectTimeout;
        b.writeQueueHighWaterBytes = writeQueueHighWaterBytes;
        b.maxSendQueueBytes = maxSendQueueBytes;
        b.maxBlocksInFlightPerPeer = maxBlocksInFlightPerPeer;
        b.blockDownloadWindow = blockDownloadWindow;
        b.knownInventoryCapacity = knownInventoryCapacity;
        b.addressBookCapacity = addressBookCapacity;
        b.dialLearnedAddresses = dialLearnedAddresses;
        b.whitelist = new ArrayList<>(whitelist);
        b.maxInboundPerHost = maxInboundPerHost;
        b.peerTimeout = peerTimeout;
        b.receiveBudgetBytes = receiveBudgetBytes;
        b.sendBudgetBytes = sendBudgetBytes;
        b.maxPresyncHeaders = maxPresyncHeaders;
        return b;
    }

    /** Mutable builder with production defaults. */
    public static final class Builder {
        private String listenHost = "127.0.0.1";
        private int listenPort;
        private String advertiseHost = "127.0.0.1";
        private Path dataDir;
        private List<NetAddress> connect = new ArrayList<>();
        private List<NetAddress> addNodes = new ArrayList<>();
        private List<NetAddress> seeds = new ArrayList<>();
        private int maxOutbound = DEFAULT_MAX_OUTBOUND;
        private int maxInbound = DEFAULT_MAX_INBOUND;
        private long services = VersionMessage.NODE_NETWORK | VersionMessage.NODE_WITNESS;
        private String userAgent = "/nakamoto:0.1.0/";
        private boolean relayTransactions = true;
        private Duration tickInterval = Duration.ofMillis(500);
        private Duration handshakeTimeout = Duration.ofSeconds(60);
        private Duration pingInterval = Duration.ofMinutes(2);
        private Duration pingTimeout = Duration.ofMinutes(20);
        private Duration banDuration = Duration.ofHours(24);
        private Duration reconnectBaseDelay = Duration.ofSeconds(2);
        private Duration reconnectMaxDelay = Duration.ofMinutes(10);
        private Duration blockStallTimeout = Duration.ofSeconds(10);
        private Duration sendStallTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int writeQueueHighWaterBytes = 4 << 20;
        private long maxSendQueueBytes = 64L << 20;
        private int maxBlocksInFlightPerPeer = 16;
        private int blockDownloadWindow = 1024;
        private int knownInventoryCapacity = 50_000;
        private int addressBookCapacity = 10_000;
        private boolean dialLearnedAddresses;
        private List<String> whitelist = new ArrayList<>(DEFAULT_WHITELIST);
        private int maxInboundPerHost = DEFAULT_MAX_INBOUND_PER_HOST;
        private Duration peerTimeout = Duration.ofSeconds(60);
        private long receiveBudgetBytes = 128L << 20;
        private long sendBudgetBytes = 128L << 20;
        private int maxPresyncHeaders = 10_000_000;

        public Builder listen(String host, int port) {
            this.listenHost = host;
            this.listenPort = port;
            return this;
        }

        public Builder advertiseHost(String host) {
            this.advertiseHost = host;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder connect(List<NetAddress> peers) {
            this.connect = new ArrayList<>(peers);
            return this;
        }

        public Builder addNodes(List<NetAddress> peers) {
            this.addNodes = new ArrayList<>(peers);
            return this;
        }

        public Builder seeds(List<NetAddress> peers) {
            this.seeds = new ArrayList<>(peers);
            return this;
        }

        public Builder maxOutbound(int n) {
            this.maxOutbound = n;
            return this;
        }

        public Builder maxInbound(int n) {
            this.maxInbound = n;
            return this;
        }

        public Builder services(long s) {
            this.services = s;
            return this;
        }

        public Builder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        public Builder relayTransactions(boolean relay) {
            this.relayTransactions = relay;
            return this;
        }

        public Builder tickInterval(Duration d) {
            this.tickInterval = d;
            return this;
        }

        public Builder handshakeTimeout(Duration d) {
            this.handshakeTimeout = d;
            return this;
        }

        public Builder ping(Duration interval, Duration timeout) {
            this.pingInterval = interval;
            this.pingTimeout = timeout;
            return this;
        }

        public Builder banDuration(Duration d) {
            this.banDuration = d;
            return this;
        }

        public Builder reconnectDelay(Duration base, Duration max) {
            this.reconnectBaseDelay = base;
            this.reconnectMaxDelay = max;
            return this;
        }

        public Builder blockStallTimeout(Duration d) {
            this.blockStallTimeout = d;
            return this;
        }

        public Builder sendStallTimeout(Duration d) {
            this.sendStallTimeout = d;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder sendQueue(int highWaterBytes, long maxBytes) {
            this.writeQueueHighWaterBytes = highWaterBytes;
            this.maxSendQueueBytes = maxBytes;
            return this;
        }

        public Builder maxBlocksInFlightPerPeer(int n) {
            this.maxBlocksInFlightPerPeer = n;
            return this;
        }

        public Builder blockDownloadWindow(int n) {
            this.blockDownloadWindow = n;
            return this;
        }

        public Builder knownInventoryCapacity(int n) {
            this.knownInventoryCapacity = n;
            return this;
        }

        public Builder addressBookCapacity(int n) {
            this.addressBookCapacity = n;
            return this;
        }

        public Builder dialLearnedAddresses(boolean dial) {
            this.dialLearnedAddresses = dial;
            return this;
        }

        /**
         * Hosts (exact IP literals) whose misbehaviour disconnects them but never discourages or bans their
         * address, and which the per-address inbound limit does not count (Core's -whitelist=noban@...).
         */
        public Builder whitelist(List<String> hosts) {
            this.whitelist = new ArrayList<>(hosts);
            return this;
        }

        public Builder maxInboundPerHost(int n) {
            this.maxInboundPerHost = n;
            return this;
        }

        /** A peer that leaves a frame half-sent this long while we are reading is dropped (Core's -peertimeout). */
        public Builder peerTimeout(Duration d) {
            this.peerTimeout = d;
            return this;
        }

        /** The sums over all peers of undecoded received bytes and of queued outgoing bytes. */
        public Builder budgets(long receiveBytes, long sendBytes) {
            this.receiveBudgetBytes = receiveBytes;
            this.sendBudgetBytes = sendBytes;
            return this;
        }

        public Builder maxPresyncHeaders(int n) {
            this.maxPresyncHeaders = n;
            return this;
        }

        public P2pConfig build() {
            return new P2pConfig(listenHost, listenPort, advertiseHost, dataDir, connect, addNodes, seeds,
                    maxOutbound, maxInbound, services, userAgent, relayTransactions, tickInterval,
                    handshakeTimeout, pingInterval, pingTimeout, banDuration, reconnectBaseDelay,
                    reconnectMaxDelay, blockStallTimeout, sendStallTimeout, connectTimeout,
                    writeQueueHighWaterBytes, maxSendQueueBytes, maxBlocksInFlightPerPeer, blockDownloadWindow,
                    knownInventoryCapacity, addressBookCapacity, dialLearnedAddresses, whitelist, maxInboundPerHost,
                    peerTimeout, receiveBudgetBytes, sendBudgetBytes, maxPresyncHeaders);
        }
    }
}
