/**
 * nakamotod: {@link org.nakamoto.node.Nakamotod} (options, picocli) builds a {@link org.nakamoto.node.NodeConfig};
 * {@link org.nakamoto.node.Node} starts and stops the parts; {@link org.nakamoto.node.NodeContext} is what RPC
 * methods ({@code org.nakamoto.node.api}) and metrics ({@code org.nakamoto.node.metrics}) see.
 *
 * <p>Threads: one "chain" thread ({@link org.nakamoto.chain.state.ChainWriter}) applies every change to chain state and
 * the mempool, whoever asks (p2p, RPC, miner). RPC handlers run on the RPC server's worker pool and read the
 * chain's immutable ActiveChain snapshot and LevelDB snapshots; when they mutate they wait for the chain thread.
 * Vert.x event loops (RPC HTTP, p2p, metrics) never wait on either.
 */
package org.nakamoto.node;
