package org.nakamoto.p2p;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * One full node in the test JVM: a LevelDB store in its own directory, chain state, mempool, a single
 * chain thread, and the p2p network on 127.0.0.1 with an ephemeral port.
 */
final class TestNode implements AutoCloseable {
    final String name;
    final NetworkParams params;
    final ChainStore store;
    final ChainState chain;
    final Mempool mempool;
    final ExecutorService chainThread;
    final P2pNetwork net;
    /** Tasks the network layer handed to the chain thread. */
    final AtomicLong netChainTasks = new AtomicLong();

    TestNode(String name, Vertx vertx, NetworkParams params, Path dir, P2pConfig config) {
        this.name = name;
        this.params = params;
        this.store = ChainStore.open(dir.resolve("chain"), params);
        this.chainThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chain-" + name);
            t.setDaemon(true);
            return t;
        });
        InputVerifier verifier = ScriptInputVerifier.sequential();
        this.chain = onChain(() -> ChainState.open(params, store, verifier, () -> System.currentTimeMillis() / 1000));
        this.mempool = onChain(() -> new Mempool(chain, verifier, MempoolPolicy.DEFAULT, () -> System.currentTimeMillis() / 1000));
        Executor counting = task -> {
            netChainTasks.incrementAndGet();
            chainThread.execute(task);
        };
        this.net = new P2pNetwork(vertx, params, config.toBuilder().dataDir(dir.resolve("p2p")).build(), chain,
                mempool, counting);
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

    /** Runs {@code task} on this node's chain thread and waits for it. */
    <T> T onChain(Callable<T> task) {
        try {
            return chainThread.submit(task).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": chain task failed", e);
        }
    }

    /** Builds a block on the current tip with {@code txs} and submits it, as a miner would. */
    Block produce(List<Transaction> txs, int tag) {
        return onChain(() -> {
            Block b = BlockBuilder.onNode(params, chain.tip(), txs, tag, System.currentTimeMillis() / 1000);
            chain.acceptBlock(b);
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
        onChain(() -> mempool.accept(tx));
    }

    BlockNode tip() {
        return chain.tip();
    }

    Hash256 utxoDigest() {
        return onChain(() -> {
            try (ChainStore.StoreSnapshot s = store.snapshot()) {
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
        chainThread.shutdown();
        try {
            chainThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
