package org.nakamoto.p2p;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one way the network layer touches chain state and the mempool for writing (and for reads that
 * take their locks): the task runs on the node's single chain thread, and its result is delivered back
 * on the network's event-loop context. Event loops therefore never wait on LevelDB, fsync or scripts.
 *
 * <p>Tasks run in submission order (the executor is single-threaded), so blocks handed over in the
 * order they arrived are validated in that order.
 */
public final class ChainGateway {
    private final Executor chainThread;
    private final Context context;

    public ChainGateway(Executor chainThread, Context context) {
        this.chainThread = chainThread;
        this.context = context;
    }

    /**
     * Runs {@code task} for data {@code peer} sent; while too many of a peer's tasks are pending, its
     * socket is not read (per-peer backpressure into the single chain thread). Call on the network context.
     */
    <T> Future<T> callFor(Peer peer, Callable<T> task) {
        peer.chainTaskStarted();
        return call(task).andThen(ar -> peer.chainTaskDone());
    }

    /** Runs {@code task} on the chain thread; the future completes on the network context. */
    public <T> Future<T> call(Callable<T> task) {
        Promise<T> promise = Promise.promise();
        try {
            chainThread.execute(() -> {
                T result;
                try {
                    result = task.call();
                } catch (Throwable t) {
                    context.runOnContext(v -> promise.fail(t));
                    return;
                }
                context.runOnContext(v -> promise.complete(result));
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(e);
        }
        return promise.future();
    }
}
