package org.nakamoto.node.rpc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Collects a request body up to a limit, on the request's event loop. A body whose Content-Length
 * exceeds the limit is refused before a byte of it is read; a chunked body is refused as soon as it
 * grows past the limit, and what it sends afterwards is dropped, not kept. Written with vertx-core
 * rather than vertx-web's BodyHandler to keep exactly these rules and nothing more (no form decoding
 * of curl's default content type, no uploads directory).
 * <p>
 * Its fields are touched only by the request's event loop thread, so they need no lock.
 */
final class BoundedBody {
    private final long limit;
    private final Runnable onTooLarge;
    private Buffer collected = Buffer.buffer();
    private boolean refused;

    private BoundedBody(long limit, Runnable onTooLarge) {
        this.limit = limit;
        this.onTooLarge = onTooLarge;
    }

    /**
     * Calls exactly one of {@code onBody} (with the complete body), {@code onTooLarge}, or
     * {@code onBadLength} (unparseable Content-Length); nothing if the connection drops first.
     */
    static void read(HttpServerRequest req, long limit, Consumer<Buffer> onBody, Runnable onTooLarge,
                     Runnable onBadLength) {
        String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                onBadLength.run();
                return;
            }
            if (length > limit) {
                req.handler(chunk -> { }); // drop whatever the client sends anyway
                onTooLarge.run();
                return;
            }
        }
        BoundedBody body = new BoundedBody(limit, onTooLarge);
        req.handler(body::append);
        req.endHandler(v -> {
            if (!body.refused) {
                onBody.accept(body.collected);
            }
        });
    }

    private void append(Buffer chunk) {
        if (refused) {
            return;
        }
        if ((long) collected.length() + chunk.length() > limit) {
            refused = true;
            collected = null;
            onTooLarge.run();
            return;
        }
        collected.appendBuffer(chunk);
    }
}
