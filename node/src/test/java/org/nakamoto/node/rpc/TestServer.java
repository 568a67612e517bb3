package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A real RPC server on 127.0.0.1 with an ephemeral port and cookie authentication, plus an HTTP client. */
final class TestServer implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final Path dataDir;
    final RpcWarmup warmup = new RpcWarmup();
    final RpcServer server;
    final int port;
    final String credentials;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    TestServer() throws IOException {
        this(RpcMetrics.NONE, RpcServerConfig.DEFAULT_MAX_BODY_BYTES);
    }

    TestServer(RpcMetrics metrics, long maxBody) throws IOException {
        this(metrics, maxBody, RpcLimits.DEFAULT);
    }

    TestServer(RpcLimits limits) throws IOException {
        this(RpcMetrics.NONE, RpcServerConfig.DEFAULT_MAX_BODY_BYTES, limits);
    }

    TestServer(RpcMetrics metrics, long maxBody, RpcLimits limits) throws IOException {
        dataDir = Files.createTempDirectory("nakamoto-rpc");
        server = new RpcServer(vertx, RpcServerConfig.withCookie(0, dataDir).withMaxBodyBytes(maxBody)
                .withLimits(limits), DemoMethods.registry(), warmup, metrics);
        port = server.start();
        credentials = Files.readString(dataDir.resolve(".cookie"));
    }

    HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, credentials);
    }

    HttpResponse<String> post(String body, String userColonPass) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (userColonPass != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userColonPass.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode call(String body) throws IOException, InterruptedException {
        return RpcJson.MAPPER.readTree(post(body).body());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        try (var files = Files.list(dataDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dataDir);
    }
}
