package org.nakamoto.node.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus text format on {@code http://127.0.0.1:PORT/metrics}. Loopback only: metrics reveal peers
 * and activity. The scrape runs on a worker thread, since some gauges take the mempool's lock, which the
 * chain thread may hold while it connects a block; the event loop only writes the answer.
 */
public final class MetricsServer {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Vertx vertx;
    private final PrometheusMeterRegistry meters;
    private HttpServer server;

    public MetricsServer(Vertx vertx, PrometheusMeterRegistry meters) {
        this.vertx = vertx;
        this.meters = meters;
    }

    /** Listens (blocking the caller until bound); returns the port. */
    public synchronized int start(String host, int port) throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> {
            if (!"/metrics".equals(req.path())) {
                req.response().setStatusCode(404).end("not found: try /metrics\n");
                return;
            }
            vertx.executeBlocking(meters::scrape, false).onComplete(ar -> {
                if (ar.succeeded()) {
                    req.response().putHeader("content-type", CONTENT_TYPE).end(ar.result());
                } else {
                    req.response().setStatusCode(500).end(String.valueOf(ar.cause()));
                }
            });
        });
        server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server.actualPort();
    }

    public synchronized void stop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            server = null;
        }
    }
}
