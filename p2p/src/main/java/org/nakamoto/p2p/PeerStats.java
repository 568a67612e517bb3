package org.nakamoto.p2p;

import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes and messages per command, sent and received, as getpeerinfo reports them (bytessent_per_msg,
 * bytesrecv_per_msg). Header bytes are included. Commands the registry does not know are counted under
 * {@link #OTHER} by the caller, so the maps hold at most the known commands plus one. Confined to the
 * network context.
 */
final class PeerStats {
    /** Core's bucket for commands it does not know. */
    static final String OTHER = "*other*";

    private final Map<String, Long> sentBytes = new TreeMap<>();
    private final Map<String, Long> receivedBytes = new TreeMap<>();
    private long totalSent;
    private long totalReceived;

    void sent(String command, int bytes) {
        sentBytes.merge(command, (long) bytes, Long::sum);
        totalSent += bytes;
    }

    void received(String command, int bytes) {
        receivedBytes.merge(command, (long) bytes, Long::sum);
    }

    /** Raw bytes off the socket, counted as they arrive (framed or not). */
    void receivedRaw(int bytes) {
        totalReceived += bytes;
    }

    long totalSent() {
        return totalSent;
    }

    long totalReceived() {
        return totalReceived;
    }

    Map<String, Long> sentPerCommand() {
        return Map.copyOf(sentBytes);
    }

    Map<String, Long> receivedPerCommand() {
        return Map.copyOf(receivedBytes);
    }
}
