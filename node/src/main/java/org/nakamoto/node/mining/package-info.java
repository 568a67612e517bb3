/**
 * The node's use of the miner module: the background miner ({@code --mine}), generatetoaddress and
 * getblocktemplate, wired to the chain and the mempool.
 *
 * <p>Threads: {@link org.nakamoto.node.mining.LocalMiner} may be called from RPC workers at once; its one
 * mutable field, the running background miner, is guarded by its monitor. Every
 * block it finds is submitted on the chain thread, like a block from a peer. The background miner's own
 * threads are described in {@code org.nakamoto.miner}.
 */
package org.nakamoto.node.mining;
