package org.nakamoto.node.rpc;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the RPC server, in Core's order: path (only "/", else 404), method (only POST,
 * else 405), credentials (401 with {@code WWW-Authenticate: Basic realm="jsonrpc"}), body size (413),
 * then the JSON-RPC work. Before all of it, a connection the {@link ConnectionGuard} refused at its cap is
 * answered 503 and closed.
 * <p>
 * Credentials are checked only when the {@link AuthThrottle} admits the request: at once while no wrong
 * password was sent in the last 250 ms, else in turn (the request is paused meanwhile), or never (503 when
 * too many wait). A keep-alive connection that got in before and sends the same header again skips the
 * throttle, so that a guessing flood does not stop clients that already hold the password. A wrong password is answered after a 250 ms timer, as Core does, and closes the gate for
 * everybody for as long, so guesses do not multiply with connections.
 * <p>
 * Threading: everything here runs on the connection's event loop and never blocks it. Parsing and
 * running the request happen on the RPC worker pool ({@link WorkerExecutor#executeBlocking} with
 * {@code ordered=false}, so requests of one connection or event loop do not queue behind each other);
 * the reply is written back on the event loop when the worker's future completes. All fields are final and
 * their objects thread-safe.
 */
final class RpcHttpHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHttpHandler.class);

    private final Vertx vertx;
    private final BasicAuthenticator auth;
    private final RpcDispatcher dispatcher;
    private final WorkerExecutor workers;
    private final long maxBodyBytes;
    private final ConnectionGuard guard;
    private final AuthThrottle throttle;
    private final long wrongPasswordDelayMs;

    RpcHttpHandler(Vertx vertx, BasicAuthenticator auth, RpcDispatcher dispatcher, WorkerExecutor workers,
                   long maxBodyBytes, ConnectionGuard guard, AuthThrottle throttle, RpcLimits limits) {
        this.vertx = vertx;
        this.auth = auth;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.maxBodyBytes = maxBodyBytes;
        this.guard = guard;
        this.throttle = throttle;
        this.wrongPasswordDelayMs = Math.max(1, limits.authFailureDelay().toMillis());
    }

    @Override
    public void handle(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        req.response().endHandler(v -> guard.awaitClient(conn));
        if (guard.isRefused(conn)) {
            discardBody(req);
            req.response().putHeader(HttpHeaders.CONNECTION, "close");
            end(req.response().setStatusCode(503), "Too many RPC connections busy; try again later");
            return;
        }
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
        if (guard.authenticatedWith(conn, authorization)) {
            readBody(req); // a keep-alive client that got in before: no new guess to ration
            return;
        }
        Context ctx = vertx.getOrCreateContext();
        String from = String.valueOf(req.remoteAddress());
        req.pause(); // until the throttle admits it; the body waits in the socket meanwhile
        guard.busy(conn); // our delay, not the client's: neither timed out nor evicted (16 wait at most)
        throttle.admit(() -> {
            // Compared and counted here, synchronously, so that a failure closes the gate before the next check.
            boolean ok = auth.accepts(authorization);
            if (!ok) {
                throttle.failed(from);
            }
            ctx.runOnContext(v -> {
                if (req.response().closed()) {
                    return; // the client left while its check waited for the gate
                }
                if (ok) {
                    guard.authenticated(conn, authorization);
                    guard.awaitClient(conn);
                    readBody(req);
                } else {
                    discardBody(req);
                    vertx.setTimer(wrongPasswordDelayMs, t -> unauthorized(req.response()));
                }
                req.resume();
            });
        }, () -> ctx.runOnContext(v -> {
            discardBody(req);
            req.resume();
            end(req.response().setStatusCode(503), "Too many authentication attempts waiting; try again later");
        }));
    }

    private void readBody(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        BoundedBody.read(req, maxBodyBytes,
                body -> {
                    guard.busy(conn); // a running call is never timed out
                    dispatch(req.response(), body);
                },
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
