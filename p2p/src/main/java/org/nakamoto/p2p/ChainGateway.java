package org.nakamoto.p2p;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.state.ChainWriter;

/**
 * The network layer's thin Vert.x adapter over the {@link ChainWriter}: the one way it changes chain
 * state or the mempool (and does reads that take their locks). The task runs on the node's single chain
 * writer thread, and its result is delivered back on the network's event-loop context, so event loops
 * never wait on LevelDB, fsync or scripts.
 *
 * <p>Tasks run in submission order, so blocks handed over in the order they arrived are validated in
 * that order. Confined to the network context, but {@link #tasksSubmitted()} may be read by anyone.
 */
final class ChainGateway {
    private final ChainWriter writer;
    private final Context context;
    private final AtomicLong submitted;

    ChainGateway(ChainWriter writer, Context context, AtomicLong submitted) {
        this.writer = writer;
        this.context = context;
        this.submitted = submitted;
    }

    /**
     * Runs {@code task} for data {@code peer} sent; while too many of a peer's tasks are pending, its
     * socket is not read (per-peer backpressure into the single chain thread). Call on the network context.
     */
    <T> Future<T> callFor(Peer peer, ChainWriter.Task<T> task) {
        peer.chainTaskStarted();
        return call(task).andThen(ar -> peer.chainTaskDone());
    }

    /** Runs {@code task} on the chain writer; the future completes on the network context. */
    <T> Future<T> call(ChainWriter.Task<T> task) {
        submitted.incrementAndGet();
        Promise<T> promise = Promise.promise();
        writer.submit(task).whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                promise.fail(failure);
            } else {
                promise.complete(result);
            }
        }));
        return promise.future();
    }
}
