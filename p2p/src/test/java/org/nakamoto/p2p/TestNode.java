package org.nakamoto.p2p;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.mempool.MempoolView;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * One full node in the test JVM: a LevelDB store in its own directory, chain state, mempool, a single
 * chain thread, and the p2p network on 127.0.0.1 with an ephemeral port.
 */
final class TestNode implements AutoCloseable {
    /**
     * Core's -acceptnonstdtxn=1: these tests are about the pool's mechanics and pay to and spend bare
     * OP_TRUE outputs, which Core's Solver calls non-standard; the script flags stay the standard ones.
     */
    private static final MempoolPolicy STANDARDNESS_ASIDE = MempoolPolicy.DEFAULT.acceptNonStandard();

    final String name;
    final NetworkParams params;
    final ChainStore store;
    final ChainWriter writer;
    /** Read-only chain state; changes go through {@link #onChain}. */
    final ChainView chain;
    /** Read-only mempool; admissions go through {@link #submit}. */
    final MempoolView mempool;
    private final Mempool pool;
    final P2pNetwork net;

    TestNode(String name, Vertx vertx, NetworkParams params, Path dir, P2pConfig config) {
        this.name = name;
        this.params = params;
        this.store = ChainStore.open(dir.resolve("chain"), params);
        InputVerifier verifier = ScriptInputVerifier.sequential();
        this.writer = ChainWriter.open(params, store, verifier, () -> System.currentTimeMillis() / 1000);
        this.chain = writer.view();
        this.pool = onChain(c -> Mempool.attach(c, verifier, STANDARDNESS_ASIDE, () -> System.currentTimeMillis() / 1000));
        this.mempool = pool.view();
        this.net = new P2pNetwork(vertx, params, config.toBuilder().dataDir(dir.resolve("p2p")).build(), writer, pool);
    }

    /** Tasks the network layer handed to the chain writer. */
    long netChainTasks() {
        return net.chainTasksSubmitted();
    }

    /** Test defaults: loopback, ephemeral port, fast timers. */
    static P2pConfig.Builder fastConfig() {
        return P2pConfig.builder()
                .listen("127.0.0.1", 0)
                .advertiseHost("127.0.0.1")
                .tickInterval(Duration.ofMillis(100))
                .reconnectDelay(Duration.ofMillis(200), Duration.ofSeconds(2))
                .blockStallTimeout(Duration.ofSeconds(3))
                .handshakeTimeout(Duration.ofSeconds(5));
    }

    TestNode start() {
        await(net.start());
        return this;
    }

    NetAddress address() {
        return net.advertisedAddress();
    }

    /** Runs {@code task} on this node's chain writer and waits for it. */
    <T> T onChain(ChainWriter.Task<T> task) {
        try {
            return writer.submit(task).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": chain task failed", e);
        }
    }

    /** Builds a block on the current tip with {@code txs} and submits it, as a miner would. */
    Block produce(List<Transaction> txs, int tag) {
        return onChain(c -> {
            Block b = BlockBuilder.onNode(params, c.tip(), txs, tag, System.currentTimeMillis() / 1000);
            c.acceptBlock(b);
            return b;
        });
    }

    List<Block> produce(int n, int tag) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(produce(List.of(), tag));
        }
        return out;
    }

    void submit(Transaction tx) {
        onChain(c -> pool.accept(tx));
    }

    BlockNode tip() {
        return chain.tip();
    }

    Hash256 utxoDigest() {
        return onChain(c -> {
            try (ChainStore.StoreSnapshot s = chain.snapshot()) {
                return s.utxoStats().digest();
            }
        });
    }

    int readyPeers() {
        return await(net.readyPeerCount());
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future failed", e);
        }
    }

    @Override
    public void close() {
        try {
            await(net.stop());
        } catch (AssertionError ignored) {
            // already stopped or never started
        }
        writer.close();
        store.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
