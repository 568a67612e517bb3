package org.nakamoto.node;

import io.micrometer.core.instrument.MeterRegistry;
import org.nakamoto.chain.mempool.MempoolView;
import org.nakamoto.chain.mempool.MempoolWriter;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainView;
import org.nakamoto.chain.state.ChainWriter;
import org.nakamoto.node.mining.LocalMiner;
import org.nakamoto.p2p.P2pNetwork;

/**
 * The parts of a running node that RPC methods and metrics use. Chain state and the mempool come only as
 * read-only views ({@link ChainView}, {@link MempoolView}); every change goes through the
 * {@link ChainWriter} (for the mempool, {@link MempoolWriter}'s tasks on it). RPC classes hold a context and touch its
 * parts only inside handlers, so a registry can be built (for help tests) from a context of nulls.
 */
public record NodeContext(
        NodeConfig config,
        NetworkParams params,
        ChainView chain,
        MempoolView mempool,
        ChainWriter writer,
        MempoolWriter mempoolWriter,
        P2pNetwork p2p,
        LocalMiner miner,
        MeterRegistry meters,
        NodeStatus status) {
}
