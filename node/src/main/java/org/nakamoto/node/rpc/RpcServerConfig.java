package org.nakamoto.node.rpc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the JSON-RPC server listens and whom it lets in.
 *
 * @param bindAddress   address to listen on; 127.0.0.1 by default, since the RPC port must never face a
 *                      network unless the operator asks for it
 * @param port          TCP port; 0 picks a free one (tests), see {@link RpcServer#port()}
 * @param user          user for password authentication (Core's -rpcuser); ignored without a password
 * @param password      password (Core's -rpcpassword); when null or empty, a cookie file is used instead
 * @param dataDir       where the .cookie file is written; required when no password is configured
 * @param maxBodyBytes  largest request body accepted; larger ones get HTTP 413 without being read
 * @param workerThreads threads that run handlers (Core's -rpcthreads)
 * @param limits        timeouts, connection, batch and failed-authentication limits
 */
public record RpcServerConfig(String bindAddress, int port, String user, String password, Path dataDir,
                              long maxBodyBytes, int workerThreads, RpcLimits limits) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    /**
     * 4 MiB. Core has no limit; 1 MiB would refuse a legitimate submitblock of a maximum-size block
     * (1,000,000 bytes is 2,000,000 hex characters plus the JSON around it).
     */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;
    public static final int DEFAULT_WORKER_THREADS = 16;

    public RpcServerConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (workerThreads <= 0) {
            throw new IllegalArgumentException("workerThreads must be positive");
        }
        if (!usesPassword(password) && dataDir == null) {
            throw new IllegalArgumentException("either a password or a data directory for the cookie is required");
        }
        user = user == null ? "" : user;
        Objects.requireNonNull(limits, "limits");
    }

    /** Cookie authentication on 127.0.0.1 with the default limits. */
    public static RpcServerConfig withCookie(int port, Path dataDir) {
        return new RpcServerConfig(DEFAULT_BIND, port, null, null, dataDir, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_WORKER_THREADS, RpcLimits.DEFAULT);
    }

    /** Configured user and password on 127.0.0.1 with the default limits. */
    public static RpcServerConfig withPassword(int port, String user, String password) {
        return new RpcServerConfig(DEFAULT_BIND, port, user, password, null, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_WORKER_THREADS, RpcLimits.DEFAULT);
    }

    public RpcServerConfig withMaxBodyBytes(long bytes) {
        return new RpcServerConfig(bindAddress, port, user, password, dataDir, bytes, workerThreads, limits);
    }

    public RpcServerConfig withWorkerThreads(int threads) {
        return new RpcServerConfig(bindAddress, port, user, password, dataDir, maxBodyBytes, threads, limits);
    }

    public RpcServerConfig withBindAddress(String address) {
        return new RpcServerConfig(address, port, user, password, dataDir, maxBodyBytes, workerThreads, limits);
    }

    public RpcServerConfig withLimits(RpcLimits l) {
        return new RpcServerConfig(bindAddress, port, user, password, dataDir, maxBodyBytes, workerThreads, l);
    }

    boolean usesPassword() {
        return usesPassword(password);
    }

    private static boolean usesPassword(String password) {
        return password != null && !password.isEmpty();
    }
}
