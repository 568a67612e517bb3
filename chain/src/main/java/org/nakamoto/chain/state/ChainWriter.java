package org.nakamoto.chain.state;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.chain.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain writer: ONE thread, named "chain", that runs every mutation of chain state (blocks and
 * headers from peers, submitblock, mined blocks, invalidateblock, reconsiderblock) and the mempool work
 * that must be ordered with it. Each call queues a task and returns a {@link CompletableFuture} at once;
 * tasks run in submission order, so blocks handed over in the order they arrived are validated in that
 * order. A rejected block fails its future with the chain's {@code ValidationException}; mapping it to
 * an RPC error or a peer penalty is the caller's business.
 *
 * <p>Futures complete on the writer thread after the task's events have been delivered (the mempool is
 * updated inside the task, subscribers hear of it after, outside the chain's lock). A caller must not
 * wait for a future on the writer thread itself, nor on an event loop: chain a continuation instead, or
 * hop back (p2p's ChainGateway does).
 *
 * <p>Single writer, by the types: no method here returns the {@link ChainState}; code gets it only as the
 * argument of a {@link Task} running on the writer thread, and the state itself refuses a mutator called
 * from any other thread ({@link ChainState#checkWriter}). Readers take {@link #view()} and never come here.
 *
 * <p>Store failures halt the writer: a task that throws a {@link StoreException} (a write refused for low
 * disk space, a record that cannot be read) may have left the in-memory state ahead of the store, so no
 * further task runs (each fails with the same exception) and the handler given to {@link #onHalt} is told
 * once, on the writer thread; the node stops cleanly, as Bitcoin Core's AbortNode does. The store itself is
 * consistent, since every batch is all or nothing, and a restart continues from it.
 */
public final class ChainWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);
    private final ExecutorService thread;
    private final ChainState chain;
    private final ChainView view;
    /** Writer-thread only: when the running task started, or the last {@link #lapNanos()} in it. */
    private long markNanos;
    /** The store failure that halted the writer, or null. */
    private volatile StoreException halted;
    private volatile Consumer<StoreException> haltHandler =
            e -> LOG.error("chain writer halted: {}", e.getMessage());

    private ChainWriter(ExecutorService thread, ChainState chain) {
        this.thread = thread;
        this.chain = chain;
        this.view = chain.view();
    }

    /** Opens chain state on a new writer thread (loading the block index and connecting what is stored). */
    public static ChainWriter open(NetworkParams params, ChainStore store, InputVerifier scripts, LongSupplier adjustedNow) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chain");
            t.setDaemon(false);
            return t;
        });
        try {
            ChainState chain = thread.submit(() -> ChainState.open(params, store, scripts, adjustedNow)).get();
            return new ChainWriter(thread, chain);
        } catch (java.util.concurrent.ExecutionException e) {
            thread.shutdown();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot open chain state", c);
        } catch (InterruptedException e) {
            thread.shutdown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening chain state", e);
        }
    }

    /** Read-only access for anyone. */
    public ChainView view() {
        return view;
    }

    /** Work for the writer thread: it alone may change the state it is given. */
    @FunctionalInterface
    public interface Task<T> {
        T run(ChainState chain) throws Exception;
    }

    public CompletableFuture<ChainState.Acceptance> acceptBlock(Block block) {
        return submit(c -> c.acceptBlock(block));
    }

    public CompletableFuture<List<BlockNode>> acceptHeaders(List<BlockHeader> headers) {
        return submit(c -> c.acceptHeaders(headers));
    }

    public CompletableFuture<Void> invalidate(Hash256 block) {
        return submit(c -> {
            c.invalidateBlock(block);
            return null;
        });
    }

    public CompletableFuture<Void> reconsider(Hash256 block) {
        return submit(c -> {
            c.reconsiderBlock(block);
            return null;
        });
    }

    /**
     * Runs {@code task} as a writer task (for the mempool: admissions are ordered with blocks). The
     * future fails with whatever the task threw, unwrapped; with {@link RejectedExecutionException} once
     * the writer is closed.
     */
    public <T> CompletableFuture<T> submit(Task<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                if (halted != null) {
                    f.completeExceptionally(halted);
                    return;
                }
                markNanos = System.nanoTime();
                try {
                    f.complete(task.run(chain));
                } catch (Throwable t) {
                    StoreException store = storeFailure(t);
                    if (store != null) {
                        halt(store);
                    }
                    f.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /**
     * Who hears that a store failure halted the writer (replacing the default, a log line). Called once,
     * on the writer thread: it must not wait for the writer (start a thread to stop the node).
     */
    public void onHalt(Consumer<StoreException> handler) {
        haltHandler = handler;
    }

    /** The store failure that halted the writer, or null while it runs. */
    public StoreException halted() {
        return halted;
    }

    private void halt(StoreException e) {
        if (halted != null) {
            return;
        }
        halted = e;
        thread.shutdown(); // queued tasks still run, and fail at once with the halt
        try {
            haltHandler.accept(e);
        } catch (RuntimeException handlerFailure) {
            LOG.error("halt handler failed", handlerFailure);
        }
    }

    private static StoreException storeFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StoreException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * On the writer thread: nanoseconds since the current task began or since the previous lap in it (an
     * event subscriber times each block with it).
     */
    public long lapNanos() {
        long now = System.nanoTime();
        long lap = now - markNanos;
        markNanos = now;
        return lap;
    }

    /** Lets queued tasks finish, then ends the thread; true when it ended within the timeout. */
    public boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        thread.shutdown();
        return thread.awaitTermination(timeout, unit);
    }

    /** After {@link #shutdown}, waits longer for queued tasks to finish. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return thread.awaitTermination(timeout, unit);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
