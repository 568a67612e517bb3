package org.nakamoto.node.api;

import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.RpcRegistry;

/**
 * Registers every nakamotod RPC method. Handlers only touch the context's parts when called, so a registry
 * can be built from a context of nulls (the help test does).
 */
public final class NodeRpc {
    private NodeRpc() {
    }

    public static RpcRegistry registerAll(RpcRegistry registry, NodeContext ctx) {
        new BlockchainRpc(ctx).register(registry);
        new UtxoRpc(ctx).register(registry);
        new MempoolRpc(ctx).register(registry);
        new RawTransactionRpc(ctx).register(registry);
        new MiningRpc(ctx).register(registry);
        new NetworkRpc(ctx).register(registry);
        new ControlRpc(ctx).register(registry);
        new UtilRpc(ctx).register(registry);
        return registry;
    }
}
