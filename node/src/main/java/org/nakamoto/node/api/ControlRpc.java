package org.nakamoto.node.api;

import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcRegistry;

/** Core's control category (help is built into the registry). */
final class ControlRpc {
    private final NodeContext ctx;

    ControlRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(RpcMethod.builder("uptime").category(RpcCategory.CONTROL)
                .summary("Returns the total uptime of the server.")
                .result("ttt    (numeric) The number of seconds that the server has been running")
                .example().handler(p -> (System.currentTimeMillis() - ctx.status().startedMillis()) / 1000).build());
        r.register(RpcMethod.builder("stop").category(RpcCategory.CONTROL)
                .summary("Request a graceful shutdown of nakamotod: miner stopped, peers closed, RPC closed, store flushed.")
                .result("\"str\"    (string) A string with the content 'nakamoto server stopping'")
                .example().handler(p -> {
                    ctx.status().requestStop();
                    return "nakamoto server stopping";
                }).build());
    }
}
