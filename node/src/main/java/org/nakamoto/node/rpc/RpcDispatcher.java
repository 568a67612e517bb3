package org.nakamoto.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC protocol, independent of HTTP: one request body in, one {@link HttpReply} out. Follows
 * Core's httprpc.cpp (v27+):
 * <ul>
 * <li>Body not JSON -> -32700 "Parse error", HTTP 500. Top level neither object nor array -> -32700
 * "Top-level object parse error", HTTP 500 (Core uses the parse-error code here, not -32600).</li>
 * <li>Single legacy (1.0) request: errors are answered with an HTTP error status: 400 for -32600,
 * 404 for -32601, 500 for everything else; the body has both "result" and "error".</li>
 * <li>Single 2.0 request: always HTTP 200 with either "result" or "error"; a notification (2.0 without
 * an "id" member) is executed and answered with HTTP 204 and no body.</li>
 * <li>Batch: HTTP 200 with an array holding one reply per non-notification element, each in its own
 * dialect; an element that is not a valid request object gets a -32600 reply; a batch of notifications
 * only gets HTTP 204.</li>
 * <li>Empty batch {@code []}: -32600 "Invalid Request: empty batch", HTTP 400, as JSON-RPC 2.0 requires.
 * Deviation: Core answers {@code []} with HTTP 200 for old clients.</li>
 * <li>Batch of more than {@link RpcLimits#maxBatchSize()} elements (1,000 by default): -32600, HTTP 400,
 * none of it run. Deviation: Core has no limit; 50,000 calls in one batch cost 1.58 GB of replies.</li>
 * <li>A handler exception other than RpcException -> -32603 "Internal error" with a reference number; the
 * exception, whose message may name Java classes and file paths, goes only to the log under that number.
 * Deviation: Core maps std::exception to -1 with its message; in Java such an exception is a bug, not a
 * caller error, and its text is for the operator, not the caller.</li>
 * </ul>
 * Runs on RPC worker threads (it runs handlers); stateless apart from its thread-safe collaborators.
 */
public final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    /** The id of a reply whose request's id could not be read: null, as in Core and JSON-RPC 2.0. */
    static final JsonNode UNKNOWN_ID = NullNode.instance;

    private final RpcRegistry registry;
    private final RpcWarmup warmup;
    private final RpcMetrics metrics;
    private final int maxBatchSize;
    /** Numbers internal errors so that a caller's report can be matched with the log. */
    private final java.util.concurrent.atomic.AtomicLong internalErrors = new java.util.concurrent.atomic.AtomicLong();

    public RpcDispatcher(RpcRegistry registry, RpcWarmup warmup, RpcMetrics metrics) {
        this(registry, warmup, metrics, RpcLimits.DEFAULT_MAX_BATCH_SIZE);
    }

    public RpcDispatcher(RpcRegistry registry, RpcWarmup warmup, RpcMetrics metrics, int maxBatchSize) {
        this.registry = registry;
        this.warmup = warmup;
        this.metrics = metrics;
        this.maxBatchSize = maxBatchSize;
    }

    /** Requests being handled now, so shutdown can let them finish before the node's parts close. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Waits until no request is being handled, or the timeout passes; true if none is. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (inFlight.get() > 0) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public HttpReply handle(byte[] body) {
        inFlight.incrementAndGet();
        try {
            return handleCounted(body);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private HttpReply handleCounted(byte[] body) {
        JsonNode root;
        try {
            root = RpcJson.MAPPER.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            return legacyError(new RpcException(RpcErrorCode.RPC_PARSE_ERROR, "Parse error"), UNKNOWN_ID,
                    JsonRpcVersion.V1_LEGACY);
        }
        if (root.isObject()) {
            return single(root);
        }
        if (root.isArray()) {
            return batch((ArrayNode) root);
        }
        return legacyError(new RpcException(RpcErrorCode.RPC_PARSE_ERROR, "Top-level object parse error"), UNKNOWN_ID,
                JsonRpcVersion.V1_LEGACY);
    }

    private HttpReply single(JsonNode node) {
        JsonRpcRequest req;
        try {
            req = JsonRpcRequest.parse(node);
        } catch (JsonRpcRequest.Invalid e) {
            // Core reports a malformed single request with an HTTP error even when it said "2.0".
            return legacyError(e.error(), e.id(), e.version());
        }
        ObjectNode reply = execute(req);
        if (req.version() == JsonRpcVersion.V2) {
            return req.isNotification() ? HttpReply.noContent() : HttpReply.json(200, write(reply));
        }
        JsonNode error = reply.get("error");
        int status = error.isNull() ? 200 : httpStatusFor(error.get("code").intValue());
        return HttpReply.json(status, write(reply));
    }

    private HttpReply batch(ArrayNode requests) {
        if (requests.isEmpty()) {
            return legacyError(new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Invalid Request: empty batch"),
                    UNKNOWN_ID, JsonRpcVersion.V1_LEGACY);
        }
        if (requests.size() > maxBatchSize) {
            return legacyError(new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Invalid Request: batch of "
                    + requests.size() + " calls exceeds the limit of " + maxBatchSize), UNKNOWN_ID, JsonRpcVersion.V1_LEGACY);
        }
        ArrayNode replies = RpcJson.MAPPER.createArrayNode();
        for (JsonNode element : requests) {
            try {
                JsonRpcRequest req = JsonRpcRequest.parse(element);
                ObjectNode reply = execute(req);
                if (!req.isNotification()) {
                    replies.add(reply);
                }
            } catch (JsonRpcRequest.Invalid e) {
                replies.add(JsonRpcReply.error(e.error(), e.id(), e.version()));
            }
        }
        return replies.isEmpty() ? HttpReply.noContent() : HttpReply.json(200, write(replies));
    }

    /** Runs one request and returns its reply object; never throws. */
    private ObjectNode execute(JsonRpcRequest req) {
        String warming = warmup.status();
        if (warming != null) {
            return JsonRpcReply.error(new RpcException(RpcErrorCode.RPC_IN_WARMUP, warming), req.id(), req.version());
        }
        RpcMethod method = registry.find(req.method()).orElse(null);
        if (method == null) {
            return JsonRpcReply.error(new RpcException(RpcErrorCode.RPC_METHOD_NOT_FOUND, "Method not found"),
                    req.id(), req.version());
        }
        long start = System.nanoTime();
        boolean success = false;
        try {
            Object result = method.handler().handle(ParamBinder.bind(method, req.params()));
            JsonNode json = result instanceof JsonNode n ? n : RpcJson.MAPPER.valueToTree(result);
            success = true;
            return JsonRpcReply.success(json == null ? RpcJson.MAPPER.nullNode() : json, req.id(), req.version());
        } catch (RpcException e) {
            return JsonRpcReply.error(e, req.id(), req.version());
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // A bug in a handler must cost one reply, never the server. Its message may hold class names and
            // paths (a damaged LevelDB file once showed both): the log gets it, the caller a reference.
            long ref = internalErrors.incrementAndGet();
            LOG.warn("RPC method {} failed (internal error #{})", req.method(), ref, e);
            return JsonRpcReply.error(new RpcException(RpcErrorCode.RPC_INTERNAL_ERROR,
                    "Internal error #" + ref + " (details in the node's debug.log)"), req.id(), req.version());
        } finally {
            record(method.name(), System.nanoTime() - start, success);
        }
    }

    private void record(String method, long nanos, boolean success) {
        try {
            metrics.record(method, nanos, success);
        } catch (RuntimeException e) {
            LOG.warn("RPC metrics hook failed for {}", method, e);
        }
    }

    private static HttpReply legacyError(RpcException e, JsonNode id, JsonRpcVersion version) {
        return HttpReply.json(httpStatusFor(e.code()), write(JsonRpcReply.error(e, id, version)));
    }

    /** Core's JSONErrorReply: the HTTP status a legacy error is sent with. */
    static int httpStatusFor(int code) {
        if (code == RpcErrorCode.RPC_INVALID_REQUEST) {
            return 400;
        }
        return code == RpcErrorCode.RPC_METHOD_NOT_FOUND ? 404 : 500;
    }

    private static String write(JsonNode reply) {
        try {
            return RpcJson.MAPPER.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
