package org.nakamoto.p2p;

import java.util.Map;

/**
 * A snapshot of one connection, shaped after Bitcoin Core's getpeerinfo. Times are Unix milliseconds;
 * -1 means unknown.
 *
 * @param syncedHeaders height of the best block the peer is known to have (Core's synced_headers)
 * @param blocksInFlight blocks requested from the peer and not yet received
 */
public record PeerInfo(
        long id,
        String address,
        boolean inbound,
        String connectionType,
        int version,
        long services,
        String subver,
        int startHeight,
        boolean relayTxes,
        long connectedAt,
        long lastSend,
        long lastReceive,
        long bytesSent,
        long bytesReceived,
        Map<String, Long> bytesSentPerMessage,
        Map<String, Long> bytesReceivedPerMessage,
        long pingMillis,
        long pingWaitMillis,
        int banScore,
        int syncedHeaders,
        int blocksInFlight,
        boolean prefersHeaders,
        boolean handshakeComplete) {
}
