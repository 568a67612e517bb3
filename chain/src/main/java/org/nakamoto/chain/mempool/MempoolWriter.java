package org.nakamoto.chain.mempool;

import java.util.concurrent.CompletableFuture;
import org.nakamoto.chain.state.ChainWriter;

/**
 * The mempool as code outside the chain writer reaches it (RPC handlers): reads through {@link #view()},
 * changes and admission tests as tasks on the {@link ChainWriter}, so they are ordered with blocks and
 * the {@link Mempool} itself is handed out only on the writer thread. Futures behave as the writer's.
 */
public final class MempoolWriter {
    private final ChainWriter writer;
    private final Mempool pool;

    public MempoolWriter(ChainWriter writer, Mempool pool) {
        this.writer = writer;
        this.pool = pool;
    }

    /** Work for the writer thread on the mempool. */
    @FunctionalInterface
    public interface Task<T> {
        T run(Mempool pool) throws Exception;
    }

    public <T> CompletableFuture<T> submit(Task<T> task) {
        return writer.submit(chain -> task.run(pool));
    }

    public MempoolView view() {
        return pool.view();
    }
}
