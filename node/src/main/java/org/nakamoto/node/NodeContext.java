package org.nakamoto.node;

import io.micrometer.core.instrument.MeterRegistry;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;
import org.nakamoto.node.mining.LocalMiner;
import org.nakamoto.p2p.P2pNetwork;

/**
 * The parts of a running node that RPC methods and metrics use. RPC classes hold a context and touch its
 * parts only inside handlers, so a registry can be built (for help tests) from a context of nulls.
 */
public record NodeContext(
        NodeConfig config,
        NetworkParams params,
        ChainStore store,
        ChainState chain,
        Mempool mempool,
        ChainExecutor chainThread,
        P2pNetwork p2p,
        LocalMiner miner,
        MeterRegistry meters,
        NodeStatus status) {
}
