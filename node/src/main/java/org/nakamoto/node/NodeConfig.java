package org.nakamoto.node;

import java.nio.file.Path;
import java.util.List;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.node.rpc.RpcLimits;
import org.nakamoto.p2p.NetAddress;

/**
 * Everything {@code nakamotod} was told, validated and with defaults applied. Immutable.
 *
 * @param bind           P2P listening address
 * @param externalHost   the address advertised to peers
 * @param port           P2P listening port (0: an ephemeral one)
 * @param rpcUser        user for password authentication, or null for the cookie
 * @param rpcPassword    password, or null for the cookie
 * @param maxConnections Core's -maxconnections: outbound slots are min(8, n), the rest inbound
 * @param mineTo         payout address of the built-in miner and the default of nothing else; null when not mining
 * @param metricsBind    listening address of the Prometheus endpoint
 * @param metricsPort    port of the Prometheus endpoint, or -1 for none
 * @param dialLearnedAddresses also dial non-loopback addresses learned from peers (--dial-learned-addresses)
 * @param reindex        rebuild the block index and UTXO set from the stored blocks at start (--reindex)
 * @param checkBlocks    blocks the start-up check verifies, 0 for all (--checkblocks, Core's -checkblocks)
 * @param rpcLimits      the RPC server's timeout, connection cap and other limits
 * @param mempoolPolicy  relay policy: Core's defaults, with --acceptnonstdtxn, --datacarrier(size),
 *                       --permitbaremultisig and --dustrelayfee applied
 */
public record NodeConfig(
        NetworkParams params,
        Path dataDir,
        String bind,
        String externalHost,
        int port,
        int rpcPort,
        String rpcBind,
        String rpcUser,
        String rpcPassword,
        List<NetAddress> connect,
        List<NetAddress> addNodes,
        int maxConnections,
        boolean mine,
        int minerThreads,
        MinePayout mineTo,
        String metricsBind,
        int metricsPort,
        boolean dialLearnedAddresses,
        boolean reindex,
        int checkBlocks,
        RpcLimits rpcLimits,
        MempoolPolicy mempoolPolicy) {

    public NodeConfig {
        connect = List.copyOf(connect);
        addNodes = List.copyOf(addNodes);
    }

    public int maxOutbound() {
        return Math.min(8, maxConnections);
    }

    public int maxInbound() {
        return maxConnections - maxOutbound();
    }
}
