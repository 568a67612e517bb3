package org.nakamoto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.nakamoto.node.rpc.RpcJson;

/**
 * One JSON-RPC 2.0 call over HTTP/1.1 with Basic authentication, with bitcoin-cli's reading of the
 * HTTP answer: 401 is a credentials problem; 400, 404 and 500 still carry a JSON-RPC reply (legacy
 * servers send errors that way); any other failure status is an error of its own. It talks only to the
 * host it is given; the CLI's default is 127.0.0.1. Immutable; HttpClient is thread-safe.
 */
final class RpcClient {
    private final HttpClient http;
    private final URI uri;
    private final String hostPort;
    private final Duration timeout;

    /** @param timeout time allowed per call, or null for none */
    RpcClient(String host, int port, Duration timeout) {
        this.hostPort = host + ":" + port;
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.uri = URI.create("http://" + authority + ":" + port + "/");
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (timeout != null) {
            b.connectTimeout(timeout);
        }
        this.http = b.build();
    }

    /**
     * @param credentials "user:password"
     * @return the reply object, holding "result" or "error"
     */
    JsonNode call(String method, JsonNode params, String credentials) throws CliException {
        ObjectNode request = RpcJson.MAPPER.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", 1)
                .put("method", method);
        request.set("params", params);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8));
        if (timeout != null) {
            b.timeout(timeout);
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException("Could not connect to the server " + hostPort + "\n\n"
                    + "Make sure the nakamotod server is running and that you are connecting to the correct RPC port.",
                    true);
        } catch (HttpTimeoutException e) {
            throw new CliException("timeout waiting for the server " + hostPort, false);
        } catch (IOException e) {
            throw new CliException("cannot talk to the server " + hostPort + ": " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", false);
        }
        return readReply(response);
    }

    private static JsonNode readReply(HttpResponse<String> response) throws CliException {
        int status = response.statusCode();
        if (status == 401) {
            throw new CliException("Authorization failed: Incorrect rpcuser or rpcpassword", false);
        }
        if (status >= 400 && status != 400 && status != 404 && status != 500) {
            throw new CliException("server returned HTTP error " + status, false);
        }
        if (response.body() == null || response.body().isEmpty()) {
            throw new CliException("no response from server", false);
        }
        JsonNode reply;
        try {
            reply = RpcJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.isObject()) {
            throw new CliException("couldn't parse reply from server", false);
        }
        return reply;
    }
}
