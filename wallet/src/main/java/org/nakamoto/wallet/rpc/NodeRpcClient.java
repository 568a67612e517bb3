package org.nakamoto.wallet.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.wallet.WalletException;

/**
 * A small JSON-RPC client for a Bitcoin Core-compatible node: one POST per call with Basic authentication,
 * JSON-RPC 1.0-style requests (which every Core version accepts) and Core's reading of the reply, where
 * HTTP 404 and 500 still carry a JSON-RPC error. Numbers are read as BigDecimal so that coin amounts
 * convert to satoshis exactly. The wallet talks to the node only through this class. Thread-safe.
 */
public final class NodeRpcClient {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient http;
    private final URI uri;
    private final String hostPort;
    private final RpcCredentials credentials;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    public NodeRpcClient(String host, int port, RpcCredentials credentials, Duration timeout) {
        if (port < 1 || port > 65535) {
            throw new WalletException("RPC port must be 1..65535, got " + port);
        }
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.hostPort = authority + ":" + port;
        try {
            this.uri = URI.create("http://" + hostPort + "/");
        } catch (IllegalArgumentException e) {
            throw new WalletException("bad RPC host '" + host + "'");
        }
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Calls {@code method} with positional parameters (Strings, numbers, booleans or JsonNodes). */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "1.0")
                .put("id", "nakamoto-wallet-" + ids.incrementAndGet())
                .put("method", method);
        ArrayNode p = request.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.userColonPassword().getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new WalletException("cannot connect to the node at " + hostPort + " (connection refused):"
                    + " is nakamotod running? Check --rpcconnect, --rpcport and --network");
        } catch (HttpTimeoutException e) {
            throw new WalletException("the node at " + hostPort + " did not answer " + method + " within "
                    + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new WalletException("cannot talk to the node at " + hostPort + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted while waiting for the node");
        }
        return result(method, response);
    }

    private JsonNode result(String method, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new WalletException("the node at " + hostPort + " refused the RPC credentials (HTTP " + status
                    + "): check --rpcuser/--rpcpassword or --datadir for the cookie");
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.isObject()) {
            throw new WalletException("the node at " + hostPort + " sent no JSON-RPC reply to " + method
                    + " (HTTP " + status + ")");
        }
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            throw new NodeRpcException(method, error.path("code").asInt(), error.path("message").asText());
        }
        if (status != 200) {
            throw new WalletException("the node answered " + method + " with HTTP " + status);
        }
        return reply.path("result");
    }

    /** Satoshis of a coin amount as Core prints it (a JSON number with up to 8 decimals). */
    public static long toSatoshis(JsonNode amount) {
        if (amount == null || !amount.isNumber()) {
            throw new WalletException("node sent a non-numeric amount: " + amount);
        }
        BigDecimal coins = amount.decimalValue();
        try {
            return coins.movePointRight(8).longValueExact();
        } catch (ArithmeticException e) {
            throw new WalletException("node sent an amount with more than 8 decimals: " + coins);
        }
    }

    @Override
    public String toString() {
        return "NodeRpcClient[" + hostPort + "]";
    }
}
