package org.nakamoto.node.rpc;

import java.time.Duration;

/**
 * What the RPC server grants one client before it refuses: how long a connection may take to send a
 * request, how many connections may be open, how many calls one batch may hold, how fast wrong passwords
 * may be tried. Immutable.
 *
 * @param requestTimeout   Core's -rpcservertimeout: a connection must deliver a complete request (headers and
 *                         body) within this time of opening or of its previous reply, else it is closed. Idle
 *                         keep-alive connections and requests that never finish both end this way; a call
 *                         that is running is never cut short by it
 * @param maxConnections   open connections at most; a new one beyond it evicts the oldest connection that is
 *                         not running a call, or, when all are, is answered 503 and closed
 * @param maxBatchSize     calls in one JSON-RPC batch at most (Core has no limit); larger batches get -32600
 * @param authFailureDelay a wrong password blocks the next password check, on any connection, for this long
 *                         (Core sleeps 250 ms): guesses are limited to one per delay in all, not per connection
 * @param maxPendingAuth   password checks waiting for their turn at most (Core's -rpcworkqueue, 16); beyond
 *                         it a request is answered 503 without its credentials being checked
 * @param logInterval      failed and refused attempts are summarised in one log line per interval at most
 */
public record RpcLimits(Duration requestTimeout, int maxConnections, int maxBatchSize, Duration authFailureDelay,
                        int maxPendingAuth, Duration logInterval) {
    /** Core's -rpcservertimeout default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Enough for a busy wallet or dashboard; far below the default limit of 1,024 file descriptors, which
     * LevelDB and up to 125 peers share with the RPC server.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;
    /** Bounds what one request can make the node hold in replies (50,000 calls cost 1.58 GB before). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final RpcLimits DEFAULT = new RpcLimits(DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_BATCH_SIZE, Duration.ofMillis(250), 16, Duration.ofSeconds(10));

    public RpcLimits {
        positive(requestTimeout, "requestTimeout");
        positive(authFailureDelay, "authFailureDelay");
        positive(logInterval, "logInterval");
        if (maxConnections < 1 || maxBatchSize < 1 || maxPendingAuth < 1) {
            throw new IllegalArgumentException("maxConnections, maxBatchSize and maxPendingAuth must be positive");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    public RpcLimits withRequestTimeout(Duration d) {
        return new RpcLimits(d, maxConnections, maxBatchSize, authFailureDelay, maxPendingAuth, logInterval);
    }

    public RpcLimits withMaxConnections(int n) {
        return new RpcLimits(requestTimeout, n, maxBatchSize, authFailureDelay, maxPendingAuth, logInterval);
    }

    public RpcLimits withMaxBatchSize(int n) {
        return new RpcLimits(requestTimeout, maxConnections, n, authFailureDelay, maxPendingAuth, logInterval);
    }

    public RpcLimits withLogInterval(Duration d) {
        return new RpcLimits(requestTimeout, maxConnections, maxBatchSize, authFailureDelay, maxPendingAuth, d);
    }
}
