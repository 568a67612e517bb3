package org.nakamoto.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.mempool.MempoolWriter;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.chain.state.Reindexer;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.store.StoreCheck;
import org.nakamoto.chain.store.StoreException;
import org.nakamoto.node.api.NodeRpc;
import org.nakamoto.node.metrics.MetricsServer;
import org.nakamoto.node.metrics.NodeMetrics;
import org.nakamoto.node.mining.LocalMiner;
import org.nakamoto.node.rpc.MicrometerRpcMetrics;
import org.nakamoto.node.rpc.RpcRegistry;
import org.nakamoto.node.rpc.RpcServer;
import org.nakamoto.node.rpc.RpcServerConfig;
import org.nakamoto.node.rpc.RpcWarmup;
import org.nakamoto.p2p.P2pConfig;
import org.nakamoto.p2p.P2pNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running nakamotod: starts the parts in dependency order and stops them in reverse.
 *
 * <p>Start: RPC server first, in warm-up (every call answers -28 "Loading block index..." as Core does),
 * then store (checked as {@code --checkblocks} asks, or emptied and rebuilt from its block bodies with
 * {@code --reindex}) and chain state on the chain thread, mempool, metrics, network, miner; then the RPC methods
 * are registered and warm-up ends. Stop (SIGTERM via the shutdown hook, or the stop RPC): miner, metrics
 * endpoint, RPC server, network (peers closed, address book and bans saved), chain thread drained, store
 * flushed and closed, Vert.x closed. {@link #stop()} is idempotent and may be called from any thread but the
 * chain thread and event loops.
 */
public final class Node {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final NodeStatus status = new NodeStatus();
    /** The chain writer: its one thread applies every change to chain state and the mempool. */
    private volatile ChainWriter writer;
    private final RpcWarmup warmup = new RpcWarmup();
    private final RpcRegistry registry = new RpcRegistry();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Vertx vertx;
    private ExecutorService verifierPool;
    private RpcServer rpc;
    private ChainStore store;
    private P2pNetwork p2p;
    private LocalMiner miner;
    private MetricsServer metricsServer;
    /** Why the store forced a stop (low disk space, damage), or null. */
    private volatile String fatalError;

    private Node(NodeConfig config) {
        this.config = config;
    }

    /** Starts a node; on failure stops what was started and rethrows. */
    public static Node start(NodeConfig config) throws Exception {
        Node node = new Node(config);
        try {
            node.startParts();
        } catch (Exception | Error e) {
            node.stop();
            throw e;
        }
        return node;
    }

    private void startParts() throws Exception {
        status.onStopRequest(this::stop);
        vertx = Vertx.vertx();
        warmup.begin("Loading block index...");
        RpcServerConfig rpcConfig = config.rpcPassword() != null
                ? RpcServerConfig.withPassword(config.rpcPort(), config.rpcUser(), config.rpcPassword())
                : RpcServerConfig.withCookie(config.rpcPort(), config.dataDir());
        rpc = new RpcServer(vertx, rpcConfig.withBindAddress(config.rpcBind()).withLimits(config.rpcLimits()), registry, warmup,
                new MicrometerRpcMetrics(meters));
        rpc.start();

        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        verifierPool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScriptInputVerifier verifier = cores > 1 ? ScriptInputVerifier.parallel(verifierPool, cores)
                : ScriptInputVerifier.sequential();
        long started = System.nanoTime();
        Path chainDir = config.dataDir().resolve("chain");
        List<BlockHeader> reindexBodies = null;
        if (config.reindex()) {
            store = ChainStore.openForReindex(chainDir, config.params());
            reindexBodies = store.beginReindex();
            LOG.info("Reindexing: {} stored blocks; block index, undo data and UTXO set emptied", reindexBodies.size());
        } else {
            store = ChainStore.open(chainDir, config.params(), config.checkBlocks());
            StoreCheck.Report r = store.checkReport();
            LOG.info("Verified the block store: the last {} blocks' bodies and undo data, {} coins, {} table files in {} ms",
                    r.blocks(), r.coins(), r.tables(), r.millis());
        }
        NodeMetrics metrics = new NodeMetrics(meters);
        writer = ChainWriter.open(config.params(), store, verifier, Node::nowSeconds);
        writer.onHalt(this::halt);
        if (reindexBodies != null) {
            reindex(reindexBodies);
        }
        ChainView chain = writer.view();
        Mempool mempool = writer.submit(c -> Mempool.attach(c, verifier, config.mempoolPolicy(), Node::nowSeconds)).get();
        LOG.info("Loaded block index: tip height={} hash={} in {} ms", chain.tip().height(), chain.tip().hash(),
                (System.nanoTime() - started) / 1_000_000);
        chain.events().subscribe(new TipLogger(chain));

        p2p = new P2pNetwork(vertx, config.params(), p2pConfig(), writer, mempool);
        miner = new LocalMiner(chain, mempool.view(), writer);
        NodeContext ctx = new NodeContext(config, config.params(), chain, mempool.view(), writer,
                new MempoolWriter(writer, mempool), p2p, miner,
                meters, status);
        metrics.bind(ctx);
        metrics.bindScripts(verifier);
        await(p2p.start());
        LOG.info("P2P listening on {}:{}", config.bind(), p2p.port());
        if (config.metricsPort() >= 0) {
            metricsServer = new MetricsServer(vertx, meters);
            int port = metricsServer.start(config.metricsBind(), config.metricsPort());
            LOG.info("Metrics on http://{}:{}/metrics", config.metricsBind(), port);
        }
        NodeRpc.registerAll(registry, ctx);
        warmup.finish();
        if (config.mine()) {
            miner.start(config.minerThreads(), config.mineTo().scriptPubKey());
            LOG.info("Mining to {} with {} thread(s)", config.mineTo(), config.minerThreads());
        }
        LOG.info("nakamotod ready: network={} datadir={} rpc={}:{}", config.params().name(), config.dataDir(),
                config.rpcBind(), rpc.port());
    }

    /** --reindex: every stored body through validation again, on the chain thread, with progress logged. */
    private void reindex(List<BlockHeader> bodies) throws Exception {
        warmup.begin("Reindexing blocks...");
        Reindexer.Result r = writer.submit(c -> {
            Reindexer.Result result = new Reindexer(c, p -> LOG.info("Reindexing: {}/{} blocks, tip height {}, {} blocks/s{}",
                    p.done(), p.total(), p.tipHeight(), String.format(Locale.ROOT, "%.0f", p.blocksPerSecond()),
                    p.finished() ? ", done" : ""), 5_000).run(bodies);
            store.finishReindex();
            return result;
        }).get();
        LOG.info("Reindexed: {} blocks accepted, {} invalid, {} unreadable, {} without a stored parent; tip height={} hash={}",
                r.accepted(), r.rejected(), r.unreadable(), r.withoutParent(), r.tipHeight(), r.tip());
    }

    /**
     * The chain writer halted on a store failure (Disk space is too low!, a damaged record): log it and stop
     * cleanly on another thread (this one is the writer's), as Core's AbortNode does. Every block accepted
     * was synced before it was acknowledged, so a restart, once the cause is fixed, continues from it.
     */
    private void halt(StoreException e) {
        fatalError = e.getMessage();
        LOG.error("{}", e.getMessage());
        LOG.error("Stopping: the block store refused a write or read; what was accepted is stored and a restart"
                + " continues from it once the cause is fixed");
        Thread t = new Thread(this::stop, "store-failure-stop");
        t.setDaemon(false);
        t.start();
    }

    /** Why the store forced the node to stop, or null if it did not. */
    public String fatalError() {
        return fatalError;
    }

    private P2pConfig p2pConfig() {
        return P2pConfig.builder()
                .listen(config.bind(), config.port())
                .advertiseHost(config.externalHost())
                .dataDir(config.dataDir())
                .connect(config.connect())
                .addNodes(config.addNodes())
                .maxOutbound(config.maxOutbound())
                .maxInbound(config.maxInbound())
                .dialLearnedAddresses(config.dialLearnedAddresses())
                .build();
    }

    /** Blocks until the node has stopped. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public NodeStatus status() {
        return status;
    }

    /** Clean shutdown; idempotent; a second caller waits for the first to finish. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LOG.info("Shutting down");
        try {
            step("miner", () -> {
                if (miner != null) {
                    miner.stop();
                }
            });
            step("metrics", () -> {
                if (metricsServer != null) {
                    metricsServer.stop();
                }
            });
            step("rpc", () -> {
                if (rpc != null) {
                    rpc.stop();
                }
            });
            step("p2p", () -> {
                if (p2p != null) {
                    await(p2p.stop());
                }
            });
            step("chain thread", () -> {
                // The store must not close under the writer: wait for it, saying why it takes long.
                boolean done = writer == null || writer.shutdown(30, TimeUnit.SECONDS);
                for (int waited = 30; !done && waited < 600; waited += 30) {
                    LOG.warn("chain thread still finishing its work after {} s; waiting", waited);
                    done = writer.awaitTermination(30, TimeUnit.SECONDS);
                }
                if (!done) {
                    LOG.error("chain thread did not finish within 10 minutes; closing the store anyway");
                }
            });
            step("store", () -> {
                if (store != null) {
                    store.close(); // flushes
                }
            });
            step("vertx", () -> {
                if (verifierPool != null) {
                    verifierPool.shutdownNow();
                }
                if (vertx != null) {
                    await(vertx.close());
                }
            });
            LOG.info("Shutdown complete");
        } finally {
            stopped.countDown();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step s) {
        try {
            s.run();
        } catch (Exception e) {
            LOG.warn("Shutdown of {} failed: {}", name, e.toString());
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static void createDataDir(NodeConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
    }

    static Duration uptime(NodeStatus s) {
        return Duration.ofMillis(System.currentTimeMillis() - s.startedMillis());
    }
}
