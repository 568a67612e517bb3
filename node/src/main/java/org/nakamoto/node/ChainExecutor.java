package org.nakamoto.node;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The chain writer: ONE thread, named "chain", that runs every mutation of chain state and the mempool
 * (blocks and headers from peers, submitblock, sendrawtransaction, invalidateblock, mined blocks). A
 * single writer makes the order of mutations the order of submission, and keeps ChainState's lock
 * uncontended. Readers never come here: they read ChainState's immutable snapshots directly.
 */
public final class ChainExecutor implements Executor {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chain");
        t.setDaemon(false);
        return t;
    });

    /** Chain-thread only: when the running task started, or when {@link #lapNanos()} was last called in it. */
    private long markNanos;

    @Override
    public void execute(Runnable task) {
        thread.execute(() -> {
            markNanos = System.nanoTime();
            task.run();
        });
    }

    /**
     * On the chain thread: nanoseconds since the current task began or since the previous lap in it. A
     * block-connected listener uses it to time each block's validation and connection, whoever submitted
     * the block (network, RPC, miner, import).
     */
    public long lapNanos() {
        long now = System.nanoTime();
        long lap = now - markNanos;
        markNanos = now;
        return lap;
    }

    /**
     * Runs {@code task} on the chain thread and waits for it; its exception is rethrown as is. Must not be
     * called from the chain thread itself (it would wait for itself) or from an event loop.
     *
     * @throws RpcException RPC_IN_WARMUP when the node is shutting down and the thread takes no more work
     */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> f;
        try {
            f = thread.submit(() -> {
                markNanos = System.nanoTime();
                return task.call();
            });
        } catch (RejectedExecutionException e) {
            throw new RpcException(RpcErrorCode.RPC_IN_WARMUP, "Shutting down");
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("chain task failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "interrupted");
        }
    }

    /** Lets queued work finish, then ends the thread; true when it ended within the timeout. */
    public boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        thread.shutdown();
        return thread.awaitTermination(timeout, unit);
    }

    /** After {@link #shutdown}, waits longer for the queued work to finish. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return thread.awaitTermination(timeout, unit);
    }
}
