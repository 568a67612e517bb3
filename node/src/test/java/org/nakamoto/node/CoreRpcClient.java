package org.nakamoto.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An independent JSON-RPC request writer that follows Bitcoin Core's documented shapes, the way
 * {@code bitcoin-cli} and Core's own curl examples send them: HTTP/1.1 POST to "/", Basic authentication,
 * a JSON-RPC 1.0 body {@code {"jsonrpc": "1.0", "id": "curltest", "method": M, "params": [...]}} with
 * positional parameters written as JSON text. It uses none of the node's RPC classes (only java.net.http
 * and a plain Jackson ObjectMapper to read the reply), so a test passing with it shows that a client
 * written for Bitcoin Core works against nakamotod unchanged.
 */
final class CoreRpcClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String credentials;

    CoreRpcClient(int port, String userColonPassword) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.credentials = userColonPassword;
    }

    /** Each parameter is JSON text: {@code "\"abc\""}, {@code "1"}, {@code "true"}, {@code "[\"x\"]"}. */
    JsonNode call(String method, String... jsonParams) throws IOException, InterruptedException {
        String body = "{\"jsonrpc\": \"1.0\", \"id\": \"curltest\", \"method\": \"" + method + "\", \"params\": ["
                + String.join(", ", jsonParams) + "]}";
        HttpResponse<String> r = post(body, credentials);
        if (r.statusCode() == 401) {
            throw new IOException("HTTP 401");
        }
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String body, String userColonPassword) throws IOException, InterruptedException {
        return post(body.getBytes(StandardCharsets.UTF_8), userColonPassword);
    }

    HttpResponse<String> post(byte[] body, String userColonPassword) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (userColonPassword != null) {
            b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String credentials() {
        return credentials;
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }
}
