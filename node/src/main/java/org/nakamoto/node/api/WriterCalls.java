package org.nakamoto.node.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * How an RPC handler waits for a chain-writer task: the writer knows nothing of RPC, so the mapping of
 * its outcomes to RPC errors lives here. The task's own exception (a {@code ValidationException}, an
 * {@code IllegalArgumentException}) is rethrown as is, for the handler to map; a writer that takes no
 * more work (shutting down) is RPC_IN_WARMUP, as Core answers during shutdown. Handlers run on the RPC
 * worker pool, never on an event loop or the writer thread, so waiting is allowed.
 */
final class WriterCalls {
    private WriterCalls() {
    }

    static <T> T await(CompletableFuture<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RejectedExecutionException) {
                throw new RpcException(RpcErrorCode.RPC_IN_WARMUP, "Shutting down");
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("chain task failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "interrupted");
        }
    }
}
