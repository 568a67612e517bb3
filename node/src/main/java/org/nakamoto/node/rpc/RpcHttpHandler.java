package org.nakamoto.node.rpc;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the RPC server, in Core's order: path (only "/", else 404), method (only POST,
 * else 405), credentials (401 with {@code WWW-Authenticate: Basic realm="jsonrpc"}), body size (413),
 * then the JSON-RPC work.
 * <p>
 * Threading: everything here runs on the connection's event loop and never blocks it. Parsing and
 * running the request happen on the RPC worker pool ({@link WorkerExecutor#executeBlocking} with
 * {@code ordered=false}, so requests of one connection or event loop do not queue behind each other);
 * the reply is written back on the event loop when the worker's future completes. A wrong password is
 * answered after a 250 ms timer (Core sleeps that long to slow down guessing), not a sleep. All fields
 * are final and their objects thread-safe.
 */
final class RpcHttpHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHttpHandler.class);
    private static final long WRONG_PASSWORD_DELAY_MS = 250;

    private final Vertx vertx;
    private final BasicAuthenticator auth;
    private final RpcDispatcher dispatcher;
    private final WorkerExecutor workers;
    private final long maxBodyBytes;

    RpcHttpHandler(Vertx vertx, BasicAuthenticator auth, RpcDispatcher dispatcher, WorkerExecutor workers,
                   long maxBodyBytes) {
        this.vertx = vertx;
        this.auth = auth;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (!"/".equals(req.uri())) {
            discardBody(req);
            end(req.response().setStatusCode(404), null);
            return;
        }
        if (req.method() != HttpMethod.POST) {
            discardBody(req);
            end(req.response().setStatusCode(405), "JSONRPC server handles only POST requests");
            return;
        }
        String authorization = req.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            discardBody(req);
            unauthorized(req.response());
            return;
        }
        if (!auth.accepts(authorization)) {
            discardBody(req);
            LOG.warn("RPC: incorrect password attempt from {}", req.remoteAddress());
            vertx.setTimer(WRONG_PASSWORD_DELAY_MS, t -> unauthorized(req.response()));
            return;
        }
        BoundedBody.read(req, maxBodyBytes,
                body -> dispatch(req.response(), body),
                () -> end(req.response().setStatusCode(413), null),
                () -> end(req.response().setStatusCode(400), "Invalid Content-Length"));
    }

    private void dispatch(HttpServerResponse response, Buffer body) {
        byte[] bytes = body.getBytes();
        workers.executeBlocking(() -> dispatcher.handle(bytes), false).onComplete(ar -> {
            if (ar.succeeded()) {
                write(response, ar.result());
            } else {
                // Only an Error escaping the dispatcher gets here; the server stays up regardless.
                LOG.error("RPC request failed outside any handler", ar.cause());
                write(response, HttpReply.json(500,
                        "{\"result\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"},\"id\":null}"));
            }
        });
    }

    private static void write(HttpServerResponse response, HttpReply reply) {
        if (response.closed() || response.ended()) {
            return; // the client went away while the call ran
        }
        response.setStatusCode(reply.status());
        if (reply.body() == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            response.end(Buffer.buffer(reply.body()));
        }
    }

    private static void unauthorized(HttpServerResponse response) {
        if (!response.closed() && !response.ended()) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"jsonrpc\"");
            response.setStatusCode(401).end();
        }
    }

    private static void end(HttpServerResponse response, String text) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (text == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain");
            response.end(text);
        }
    }

    // A refused request's body is dropped as it arrives, never collected.
    private static void discardBody(HttpServerRequest req) {
        req.handler(chunk -> { });
    }
}
