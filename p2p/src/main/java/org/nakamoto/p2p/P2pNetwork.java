package org.nakamoto.p2p;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.p2p.wire.NetworkMagic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer-to-peer network: listening, dialling, sync and relay, bans and the address book. This
 * is the API the node and its RPC server use (start/stop, addnode, disconnectnode, setban, listbanned,
 * getpeerinfo, metrics).
 *
 * <p>Concurrency: all network state lives on one Vert.x event-loop context, that of a verticle this class
 * deploys; every public method hops onto it and answers with a {@link Future}. Chain state and the
 * mempool are written only through the chain writer given to the constructor ({@link ChainGateway});
 * chain and mempool events arrive on that thread and are handed to the context. Nothing here blocks an
 * event loop: store reads and file writes run on Vert.x workers.
 *
 * <p>Size: about 430 lines, a little above the project's 400: it is the network's public API, and each of
 * its RPC-facing methods (addnode, disconnectnode, setban, getpeerinfo, ...) is a short hop onto the
 * context; the logic behind them lives in the classes it wires together.
 */
public final class P2pNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);
    private static final String PEERS_FILE = "peers.txt";
    private static final String BANS_FILE = "banlist.txt";
    private static final long SAVE_INTERVAL_MILLIS = 60_000;

    private final Vertx vertx;
    private final NetworkParams params;
    private final P2pConfig config;
    private final ChainWriter writer;
    private final ChainView chain;
    private final Mempool mempool;
    /** Tasks the network has handed to the chain writer (any thread reads it). */
    private final AtomicLong chainTasks = new AtomicLong();
    private final LongSupplier clock = System::currentTimeMillis;
    private final P2pMetrics metrics = new P2pMetrics();
    /** Set once stop begins; read by chain and mempool listeners on other threads. */
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean announcePending = new AtomicBoolean();

    // Everything below is written once in onStart (on the context) and then used only on the context,
    // except context and port, which are volatile for the public methods' hop.
    private volatile Context context;
    private volatile int port = -1;
    private volatile String deploymentId;
    private NetServer server;
    private NetClient client;
    private long timerId = -1;
    private long lastSave;
    private PeerRegistry peers;
    private NetBudget budget;
    private BanList bans;
    private AddressBook book;
    private ConnectionManager connections;
    private HeaderSync headerSync;
    private BlockDownloader downloader;
    private BlockAnnouncer announcer;
    private TxRelay txRelay;
    private MessageRouter router;
    private ChainListener chainListener;

    /**
     * A network over the chain {@code writer}; {@code mempool} is the writer's, changed only in writer
     * tasks, read through its view.
     */
    public P2pNetwork(Vertx vertx, NetworkParams params, P2pConfig config, ChainWriter writer, Mempool mempool) {
        this.vertx = vertx;
        this.params = params;
        this.config = config;
        this.writer = writer;
        this.chain = writer.view();
        this.mempool = mempool;
    }

    // ---- lifecycle

    /** Deploys the network's verticle: loads the address book and bans, listens, starts dialling. */
    public Future<Void> start() {
        return vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                return onStart(context);
            }

            @Override
            public Future<?> stop() {
                return onStop();
            }
        }).map(id -> {
            deploymentId = id;
            return null;
        });
    }

    /** Disconnects everyone, stops listening and saves the address book and bans. */
    public Future<Void> stop() {
        String id = deploymentId;
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
    }

    private Future<Void> onStart(Context ctx) {
        this.context = ctx;
        ChainGateway gateway = new ChainGateway(writer, ctx, chainTasks);
        peers = new PeerRegistry();
        budget = new NetBudget(config.receiveBudgetBytes(), config.sendBudgetBytes());
        budget.watch(peers);
        bans = new BanList();
        book = new AddressBook(config.addressBookCapacity(), config.reconnectBaseDelay().toMillis(),
                config.reconnectMaxDelay().toMillis());
        client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setTcpNoDelay(true));
        Supplier<NetAddress> self = this::advertisedAddress;
        connections = new ConnectionManager(config, book, bans, peers, client, metrics, clock, self, this::attach);
        downloader = new BlockDownloader(chain, gateway, peers, config, metrics, clock);
        headerSync = new HeaderSync(chain, gateway, downloader, metrics, params, config.maxPresyncHeaders());
        announcer = new BlockAnnouncer(chain, peers, headerSync::isCatchingUp);
        RecentWtxids wtxids = new RecentWtxids();
        txRelay = new TxRelay(mempool, gateway, peers, metrics, clock, config.blockStallTimeout().toMillis(), wtxids);
        DataServer dataServer = new DataServer(chain, mempool.view(), ctx, metrics, wtxids);
        AddressGossip gossip = new AddressGossip(book, peers, self, config.services(), clock,
                config.dialLearnedAddresses());
        router = new MessageRouter(config, chain, peers, bans, book, connections, headerSync, downloader, txRelay,
                dataServer, gossip, metrics, clock, self);

        return ctx.executeBlocking(this::readFiles, true).compose(files -> {
            bans.load(files[1], clock.getAsLong());
            book.load(files[0], !config.dialLearnedAddresses());
            for (String seed : params.seeds()) {
                book.add(NetAddress.parse(seed, params.defaultPort()), 0, 0);
            }
            config.seeds().forEach(a -> book.add(a, 0, 0));
            return listen();
        }).map(v -> {
            listenToChain();
            timerId = vertx.setPeriodic(config.tickInterval().toMillis(), id -> tick());
            lastSave = clock.getAsLong();
            tick();
            return null;
        });
    }

    private String[] readFiles() throws Exception {
        Path dir = config.dataDir();
        if (dir == null) {
            return new String[2];
        }
        return new String[] {AtomicFiles.readIfExists(dir.resolve(PEERS_FILE)),
                AtomicFiles.readIfExists(dir.resolve(BANS_FILE))};
    }

    private Future<Void> listen() {
        if (config.listenHost() == null) {
            return Future.succeededFuture();
        }
        server = vertx.createNetServer(new NetServerOptions().setHost(config.listenHost())
                .setPort(config.listenPort()).setTcpNoDelay(true));
        server.connectHandler(this::onInbound);
        return server.listen().map(s -> {
            port = s.actualPort();
            LOG.info("p2p listening on {}:{}", config.listenHost(), port);
            return null;
        });
    }

    private void listenToChain() {
        chainListener = new ChainListener() {
            @Override
            public void tipChanged(BlockNode tip, boolean reorganised) {
                if (!stopped.get() && announcePending.compareAndSet(false, true)) {
                    context.runOnContext(v -> {
                        announcePending.set(false);
                        announcer.tipChanged();
                    });
                }
            }

            @Override
            public void transactionAdded(Transaction tx, long fee) {
                if (!stopped.get()) {
                    context.runOnContext(v -> txRelay.announce(tx));
                }
            }
        };
        chain.events().subscribe(chainListener); // one channel for blocks and the mempool's transactions
    }

    private Future<Void> onStop() {
        stopped.set(true);
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (chainListener != null) {
            chain.events().unsubscribe(chainListener);
        }
        List<Future<?>> closing = new ArrayList<>();
        for (Peer p : peers.all()) {
            p.disconnect("shutting down");
        }
        if (server != null) {
            closing.add(server.close());
        }
        closing.add(client.close());
        closing.add(save(true));
        return Future.join(closing).mapEmpty();
    }

    private void tick() {
        if (stopped.get()) {
            return;
        }
        long now = clock.getAsLong();
        for (Peer p : peers.all()) {
            p.tick(now);
        }
        downloader.tick(now);
        txRelay.tick(now);
        connections.tick(now);
        if (now - lastSave >= SAVE_INTERVAL_MILLIS) {
            lastSave = now;
            save(false);
        }
    }

    private Future<Void> save(boolean always) {
        Path dir = config.dataDir();
        String peersText = book.takeDirtyText();
        String bansText = bans.takeDirtyText();
        if (dir == null || (peersText == null && bansText == null && !always)) {
            return Future.succeededFuture();
        }
        return context.executeBlocking(() -> {
            if (peersText != null) {
                AtomicFiles.write(dir.resolve(PEERS_FILE), peersText);
            }
            if (bansText != null) {
                AtomicFiles.write(dir.resolve(BANS_FILE), bansText);
            }
            return null;
        }, true).mapEmpty();
    }

    // ---- connections

    private void onInbound(NetSocket socket) {
        String host = socket.remoteAddress().hostAddress();
        long now = clock.getAsLong();
        boolean whitelisted = config.isWhitelisted(host);
        boolean accept = !stopped.get() && !bans.isBanned(host, now)
                && (whitelisted || peers.inboundFrom(host) < config.maxInboundPerHost());
        if (accept && peers.count(Peer.Kind.INBOUND) >= config.maxInbound()) {
            // Full: a discouraged address waits for a free slot (Core); anyone else may take an evicted one.
            accept = !bans.isDiscouraged(host) && evictInbound();
        }
        if (!accept) {
            metrics.inboundRefused.incrementAndGet();
            socket.close();
            return;
        }
        metrics.inboundAccepted.incrementAndGet();
        attach(socket, Peer.Kind.INBOUND, null);
    }

    /** Core's AttemptToEvictConnection; false if every inbound peer is protected. */
    private boolean evictInbound() {
        List<InboundEviction.Candidate> candidates = new ArrayList<>();
        for (Peer p : peers.all()) {
            if (p.isInbound() && !p.isClosing()) {
                String host = p.remoteAddress().host();
                candidates.add(new InboundEviction.Candidate(p.id(), p.connectedAt(), p.minPingMillis(), p.lastBlockAt(),
                        p.lastTxAt(), InboundEviction.netGroup(host), config.isWhitelisted(host),
                        bans.isDiscouraged(host)));
            }
        }
        Peer victim = peers.get(InboundEviction.select(candidates));
        if (victim == null) {
            return false;
        }
        metrics.evictions.incrementAndGet();
        victim.disconnect("evicted: inbound slots full");
        return true;
    }

    private void attach(NetSocket socket, Peer.Kind kind, NetAddress dialled) {
        if (stopped.get()) {
            socket.close();
            return;
        }
        NetAddress remote = new NetAddress(socket.remoteAddress().hostAddress(), socket.remoteAddress().port());
        Peer p = new Peer(peers.nextId(), socket, kind, remote, dialled, NetworkMagic.of(params.magicBytes()), config,
                metrics, clock, router, budget);
        peers.add(p);
        metrics.peersConnected.incrementAndGet();
        p.start();
    }

    // ---- public API (thread-safe: each call runs on the network context)

    /** The port we listen on (the real one when configured as 0), or -1 before start or when not listening. */
    public int port() {
        return port;
    }

    /** The address we advertise to peers: the configured advertise host and the listening port. */
    public NetAddress advertisedAddress() {
        return config.advertiseHost() == null || port <= 0 ? null : new NetAddress(config.advertiseHost(), port);
    }

    public P2pMetrics metrics() {
        return metrics;
    }

    public P2pConfig config() {
        return config;
    }

    public Future<List<PeerInfo>> peerInfo() {
        return onContext(() -> {
            List<PeerInfo> out = new ArrayList<>();
            peers.all().forEach(p -> out.add(p.info()));
            return out;
        });
    }

    /** Connections that completed the handshake. */
    public Future<Integer> readyPeerCount() {
        return onContext(() -> peers.ready().size());
    }

    /** Core's addnode add: keep a connection to {@code a} from now on. */
    public Future<Boolean> addNode(NetAddress a) {
        return onContext(() -> {
            boolean added = connections.addNode(a);
            connections.tick(clock.getAsLong());
            return added;
        });
    }

    /** Core's addnode remove. */
    public Future<Boolean> removeNode(NetAddress a) {
        return onContext(() -> connections.removeNode(a));
    }

    public Future<List<NetAddress>> addedNodes() {
        return onContext(() -> connections.addedNodes());
    }

    /** Core's addnode onetry: dial once now, without keeping the address. */
    public Future<Void> connectOnce(NetAddress a) {
        return onContextAsync(() -> connections.dial(a, Peer.Kind.MANUAL));
    }

    /** Core's disconnectnode by id; false if no such peer. */
    public Future<Boolean> disconnect(long peerId) {
        return onContext(() -> {
            Peer p = peers.get(peerId);
            if (p != null) {
                p.disconnect("disconnectnode");
            }
            return p != null;
        });
    }

    /** Core's disconnectnode by address: every connection to or from it; returns how many. */
    public Future<Integer> disconnect(NetAddress a) {
        return onContext(() -> {
            int n = 0;
            for (Peer p : peers.all()) {
                if (a.equals(p.remoteAddress()) || a.equals(p.listenAddress())) {
                    p.disconnect("disconnectnode");
                    n++;
                }
            }
            return n;
        });
    }

    /** Core's setban add: bans {@code host} (an IP) and disconnects its peers. */
    public Future<Void> ban(String host, Duration duration, String reason) {
        return onContext(() -> {
            bans.ban(host, clock.getAsLong(), duration.toMillis(), reason);
            metrics.bans.incrementAndGet();
            peers.withHost(host).forEach(p -> p.disconnect("banned"));
            return null;
        });
    }

    /** Core's setban remove; false if it was not banned. */
    public Future<Boolean> unban(String host) {
        return onContext(() -> bans.unban(host));
    }

    public Future<List<BanEntry>> listBanned() {
        return onContext(() -> bans.list(clock.getAsLong()));
    }

    /** True if misbehaviour from {@code host} was seen (since start or the last clearbanned). */
    public Future<Boolean> isDiscouraged(String host) {
        return onContext(() -> bans.isDiscouraged(host));
    }

    /** Bytes received and not yet decoded, and bytes queued to send, summed over all peers. */
    public Future<long[]> bufferedBytes() {
        return onContext(() -> new long[] {budget.receivedBytes(), budget.queuedBytes()});
    }

    public Future<Void> clearBanned() {
        return onContext(() -> {
            bans.clear();
            return null;
        });
    }

    /** Height of the most-work header known (Core's getblockchaininfo "headers"). */
    public Future<Integer> bestHeaderHeight() {
        return Future.succeededFuture(chain.bestHeader().height()); // chain state: no hop needed
    }

    /** Transaction requests tracked (in flight or queued), for tests. */
    Future<Integer> txRequestsTracked() {
        return onContext(() -> txRelay.trackedCount());
    }

    /** Known addresses in the book. */
    public Future<Integer> knownAddressCount() {
        return onContext(() -> book.size());
    }

    private <T> Future<T> onContext(Supplier<T> action) {
        return onContextAsync(() -> Future.succeededFuture(action.get()));
    }

    private <T> Future<T> onContextAsync(Supplier<Future<T>> action) {
        Context ctx = context;
        if (ctx == null) {
            return Future.failedFuture(new IllegalStateException("the p2p network is not started"));
        }
        Promise<T> promise = Promise.promise();
        ctx.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** How many tasks the network has handed to the chain writer since it was created. */
    public long chainTasksSubmitted() {
        return chainTasks.get();
    }
}
