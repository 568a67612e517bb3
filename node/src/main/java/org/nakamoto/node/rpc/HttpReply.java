package org.nakamoto.node.rpc;

import java.nio.charset.StandardCharsets;

/**
 * What the HTTP layer sends back for one POST: a status and a JSON body, or no body (204).
 *
 * @param status HTTP status code
 * @param body   UTF-8 JSON followed by a newline, as Core writes it, or null for no content
 */
public record HttpReply(int status, byte[] body) {
    static HttpReply json(int status, String json) {
        return new HttpReply(status, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply noContent() {
        return new HttpReply(204, null);
    }
}
