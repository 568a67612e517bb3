package org.nakamoto.node.rpc;

/**
 * Told about every executed call of a registered method, so the node can keep timers without the
 * server depending on how. Called on RPC worker threads, concurrently: implementations must be
 * thread-safe and quick. Unknown method names are not reported, so a caller cannot grow the set of
 * metric names at will.
 */
@FunctionalInterface
public interface RpcMetrics {
    RpcMetrics NONE = (method, nanos, success) -> { };

    /**
     * @param method  the registered method name
     * @param nanos   wall time spent binding arguments and running the handler
     * @param success false when the call ended in an error reply
     */
    void record(String method, long nanos, boolean success);
}
