package org.nakamoto.node.rpc;

/**
 * The body of an RPC method. It runs on an RPC worker thread, never on an event loop, so it may block
 * (LevelDB reads, waiting for a lock); it should still be quick, since workers are a bounded pool.
 * It returns a Jackson JsonNode or any object Jackson can serialise ({@link RpcJson#MAPPER}); null is
 * answered as JSON null. It reports caller errors by throwing {@link RpcException}; anything else it
 * throws is treated as a bug and answered with RPC_INTERNAL_ERROR.
 */
@FunctionalInterface
public interface RpcHandler {
    Object handle(RpcParams params) throws Exception;
}
