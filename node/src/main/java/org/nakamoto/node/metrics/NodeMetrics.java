package org.nakamoto.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.node.NodeContext;
import org.nakamoto.p2p.PeerInfo;

/**
 * The node's Micrometer meters (names become Prometheus names: {@code nakamoto.chain.height} is
 * {@code nakamoto_chain_height}). Gauges read the chain's volatile snapshot, the mempool, the miner and
 * the cached peer list; counters and the block timer are fed by a chain listener on the chain thread.
 * RPC calls are timed by MicrometerRpcMetrics ({@code nakamoto_rpc_calls_seconds{method,outcome}}).
 */
public final class NodeMetrics {
    private final MeterRegistry meters;
    private final PeerTraffic traffic = new PeerTraffic();

    public NodeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void bind(NodeContext ctx) {
        Gauge.builder("nakamoto.chain.height", ctx.chain(), c -> c.tip().height())
                .description("Height of the active chain's tip (blocks)").register(meters);
        Gauge.builder("nakamoto.chain.headers", ctx.chain(), c -> c.bestHeader().height())
                .description("Height of the best known header").register(meters);
        Gauge.builder("nakamoto.chain.work.log2", ctx.chain(), c -> log2(c.tip().chainWork()))
                .description("log2 of the tip's cumulative chain work").register(meters);
        Gauge.builder("nakamoto.chain.work", ctx.chain(), c -> c.tip().chainWork().doubleValue())
                .description("Cumulative chain work of the tip (expected hashes)").register(meters);
        Gauge.builder("nakamoto.mempool.transactions", ctx.mempool(), m -> m.size()).register(meters);
        Gauge.builder("nakamoto.mempool.bytes", ctx.mempool(), m -> m.bytes()).register(meters);
        Gauge.builder("nakamoto.miner.hashrate", ctx.miner(), m -> m.hashesPerSecond())
                .description("Hashes per second of the built-in miner (5 s window)").register(meters);
        for (int i = 0; ctx.config().mine() && i < ctx.config().minerThreads(); i++) {
            int worker = i;
            Gauge.builder("nakamoto.miner.thread.hashrate", ctx.miner(), m -> m.threadHashesPerSecond(worker))
                    .tag("thread", Integer.toString(i))
                    .description("Hashes per second of one mining thread").register(meters);
        }
        FunctionCounter.builder("nakamoto.miner.blocks", ctx.miner(), m -> m.blocksMined()).register(meters);
        Gauge.builder("nakamoto.secp256k1.native", () -> SignatureEngines.active().name().equals("native") ? 1 : 0)
                .tag("engine", SignatureEngines.active().name())
                .description("1 when signatures are checked by libsecp256k1, 0 on the pure-Java fallback").register(meters);
        Gauge.builder("nakamoto.uptime.seconds", ctx.status(), s -> (System.currentTimeMillis() - s.startedMillis()) / 1e3)
                .register(meters);
        for (String name : ctx.p2p().metrics().snapshot().keySet()) {
            FunctionCounter.builder("nakamoto.p2p." + name.replace("_total", ""), ctx.p2p().metrics(), m -> m.get(name))
                    .register(meters);
        }
        for (String dir : List.of("in", "out")) {
            Gauge.builder("nakamoto.p2p.peers", traffic, t -> t.peers(dir)).tag("direction", dir)
                    .description("Connected peers by direction").register(meters);
        }
        ctx.chain().events().subscribe(new ChainEvents(ctx));
        traffic.startPolling(ctx, this::registerTraffic);
    }

    private void registerTraffic(String direction, String command) {
        FunctionCounter.builder("nakamoto.p2p.message.bytes", traffic, t -> t.bytes(direction, command))
                .tag("direction", direction).tag("command", command)
                .description("Bytes by message type, over all peers (sent: out, received: in)").register(meters);
    }

    /**
     * Inputs whose scripts the node evaluated, for blocks and transactions alike: the signature work done,
     * and the evidence that no input is verified twice (sendrawtransaction runs each once).
     */
    public void bindScripts(ScriptInputVerifier verifier) {
        FunctionCounter.builder("nakamoto.script.inputs.verified", verifier, ScriptInputVerifier::inputsVerified)
                .description("Transaction inputs whose scripts were evaluated").register(meters);
    }

    static double log2(java.math.BigInteger v) {
        int shift = Math.max(0, v.bitLength() - 60);
        return Math.log(v.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
    }

    /** Chain events on the chain thread: blocks and transactions connected, block time, reorganisations. */
    private final class ChainEvents implements ChainListener {
        private final NodeContext ctx;
        private final Counter blocks = Counter.builder("nakamoto.chain.blocks.connected")
                .description("Blocks validated and connected").register(meters);
        private final Counter transactions = Counter.builder("nakamoto.chain.transactions.connected")
                .description("Transactions in connected blocks").register(meters);
        private final Counter reorgs = Counter.builder("nakamoto.chain.reorganisations")
                .description("Tip changes that disconnected blocks").register(meters);
        private final Timer validation = Timer.builder("nakamoto.chain.block.validation")
                .description("Time to validate, store and connect a block on the chain thread").register(meters);

        ChainEvents(NodeContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void blockConnected(Block block, BlockNode node) {
            validation.record(ctx.writer().lapNanos(), TimeUnit.NANOSECONDS);
            blocks.increment();
            transactions.increment(block.transactions().size());
        }

        @Override
        public void tipChanged(BlockNode tip, boolean reorganised) {
            if (reorganised) {
                reorgs.increment();
            }
        }
    }

    /** Peer counts and monotonic per-message byte totals, refreshed from getpeerinfo data every 2 s. */
    static final class PeerTraffic {
        private final java.util.concurrent.ConcurrentHashMap<String, Long> closed = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile Map<Long, PeerInfo> live = Map.of();
        private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void startPolling(NodeContext ctx, java.util.function.BiConsumer<String, String> register) {
            // A daemon thread, not an event-loop timer: it waits for the network context's answer.
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        List<PeerInfo> peers = ctx.p2p().peerInfo().toCompletionStage().toCompletableFuture()
                                .get(10, TimeUnit.SECONDS);
                        update(peers, register);
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        try {
                            Thread.sleep(2_000);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }, "metrics-peers");
            t.setDaemon(true);
            t.start();
        }

        synchronized void update(List<PeerInfo> peers, java.util.function.BiConsumer<String, String> register) {
            Map<Long, PeerInfo> now = new java.util.HashMap<>();
            peers.forEach(p -> now.put(p.id(), p));
            for (PeerInfo gone : live.values()) {
                if (!now.containsKey(gone.id())) {
                    add(closed, gone);
                }
            }
            live = now;
            for (PeerInfo p : peers) {
                p.bytesSentPerMessage().keySet().forEach(c -> registerOnce("out", c, register));
                p.bytesReceivedPerMessage().keySet().forEach(c -> registerOnce("in", c, register));
            }
        }

        private void registerOnce(String dir, String command, java.util.function.BiConsumer<String, String> register) {
            if (registered.add(dir + " " + command)) {
                register.accept(dir, command);
            }
        }

        private static void add(Map<String, Long> totals, PeerInfo p) {
            p.bytesSentPerMessage().forEach((c, v) -> totals.merge("out " + c, v, Long::sum));
            p.bytesReceivedPerMessage().forEach((c, v) -> totals.merge("in " + c, v, Long::sum));
        }

        double bytes(String direction, String command) {
            long sum = closed.getOrDefault(direction + " " + command, 0L);
            for (PeerInfo p : live.values()) {
                Map<String, Long> m = direction.equals("out") ? p.bytesSentPerMessage() : p.bytesReceivedPerMessage();
                sum += m.getOrDefault(command, 0L);
            }
            return sum;
        }

        double peers(String direction) {
            boolean in = direction.equals("in");
            return live.values().stream().filter(p -> p.inbound() == in).count();
        }
    }
}
