package org.nakamoto.node.rpc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC server: HTTP/1.1 on Vert.x, Basic authentication, Core's JSON-RPC 1.0/2.0 behaviour.
 *
 * <pre>{@code
 * RpcRegistry registry = new RpcRegistry();          // help is built in
 * registry.register(RpcMethod.builder("getblockcount")...build());
 * RpcServer server = new RpcServer(vertx, RpcServerConfig.withCookie(28443, dataDir),
 *         registry, new RpcWarmup(), new MicrometerRpcMetrics(meterRegistry));
 * int port = server.start();                          // writes <dataDir>/.cookie, then listens
 * ...
 * server.stop();                                      // stops listening, deletes the cookie
 * }</pre>
 *
 * start() and stop() block their caller until done, so they must not be called from a Vert.x event
 * loop; they are synchronized against each other. Request handling never blocks an event loop: see
 * {@link RpcHttpHandler}.
 */
public final class RpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    private static final long START_STOP_TIMEOUT_SECONDS = 30;
    /** Handlers may legitimately run long (a rescan); don't let Vert.x call that a blocked thread too soon. */
    private static final long MAX_HANDLER_SECONDS = 600;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Vertx vertx;
    private final RpcServerConfig config;
    private final RpcDispatcher dispatcher;

    // Guarded by "this": set by start(), cleared by stop().
    private HttpServer http;
    private WorkerExecutor workers;
    private CookieFile cookie;
    private ConnectionGuard guard;
    private volatile int port = -1;

    public RpcServer(Vertx vertx, RpcServerConfig config, RpcRegistry registry, RpcWarmup warmup,
                     RpcMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.dispatcher = new RpcDispatcher(registry, warmup, metrics, config.limits().maxBatchSize());
    }

    /**
     * Writes the cookie (unless a password is configured) and starts listening.
     *
     * @return the port actually bound (useful with port 0)
     * @throws IOException when the cookie cannot be written or the address cannot be bound
     */
    public synchronized int start() throws IOException {
        if (http != null) {
            throw new IllegalStateException("RPC server already started");
        }
        BasicAuthenticator auth;
        if (config.usesPassword()) {
            auth = new BasicAuthenticator(config.user(), config.password());
        } else {
            cookie = CookieFile.create(config.dataDir());
            auth = new BasicAuthenticator(cookie.user(), cookie.password());
        }
        workers = vertx.createSharedWorkerExecutor("nakamoto-rpc-" + INSTANCES.incrementAndGet(),
                config.workerThreads(), MAX_HANDLER_SECONDS, TimeUnit.SECONDS);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.bindAddress())
                .setPort(config.port())
                .setHttp2ClearTextEnabled(false) // HTTP/1.1 only, like Core
                .setDecompressionSupported(false); // a compressed body could expand past the size limit
        guard = new ConnectionGuard(vertx, config.limits());
        guard.start();
        HttpServer server = vertx.createHttpServer(options)
                .connectionHandler(guard::opened)
                .requestHandler(new RpcHttpHandler(vertx, auth, dispatcher, workers, config.maxBodyBytes(), guard,
                        new AuthThrottle(vertx, config.limits()), config.limits()));
        try {
            await(server.listen());
        } catch (IOException e) {
            guard.stop();
            guard = null;
            workers.close();
            workers = null;
            deleteCookie();
            throw new IOException("cannot listen for RPC on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        http = server;
        port = server.actualPort();
        LOG.info("RPC server listening on {}:{}", config.bindAddress(), port);
        return port;
    }

    /**
     * Stops listening, lets requests already being handled finish (up to 30 s, so nothing touches the
     * node's parts after they close), then closes the worker pool and deletes the cookie. Idempotent.
     */
    public synchronized void stop() {
        if (http == null) {
            return;
        }
        try {
            await(http.close());
        } catch (IOException e) {
            LOG.warn("RPC server did not close cleanly", e);
        }
        http = null;
        port = -1;
        guard.stop();
        guard = null;
        try {
            if (!dispatcher.awaitIdle(30_000)) {
                LOG.warn("RPC calls still running after 30 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
        workers = null;
        deleteCookie();
    }

    /** The bound port while running, -1 otherwise. */
    public int port() {
        return port;
    }

    /** Open RPC connections now (for tests and soaks), 0 when stopped. */
    public synchronized int openConnections() {
        return guard == null ? 0 : guard.openConnections();
    }

    /** The cookie file while running with cookie authentication, else null. */
    public synchronized Path cookieFile() {
        return cookie == null ? null : cookie.path();
    }

    private void deleteCookie() {
        if (cookie == null) {
            return;
        }
        try {
            cookie.delete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete RPC cookie " + cookie.path(), e);
        } finally {
            cookie = null;
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
