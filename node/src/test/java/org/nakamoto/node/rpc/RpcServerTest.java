package org.nakamoto.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server over real sockets on 127.0.0.1, port chosen by the OS. */
class RpcServerTest {
    private static TestServer srv;

    @BeforeAll
    static void start() throws Exception {
        srv = new TestServer();
    }

    @AfterAll
    static void stop() throws Exception {
        srv.close();
    }

    @Test
    void legacyCallHasResultErrorAndId() throws Exception {
        HttpResponse<String> r = srv.post("{\"id\":\"a\",\"method\":\"echo\",\"params\":[\"hi\",2]}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"result\":\"hihi\",\"error\":null,\"id\":\"a\"}\n", r.body());
    }

    @Test
    void version2CallHasOnlyResult() throws Exception {
        HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"hi\"]}");
        assertEquals(200, r.statusCode());
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":7}\n", r.body());
    }

    @Test
    void idIsEchoedWhateverItsType() throws Exception {
        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":[1]},\"method\":\"uptime\"}");
        assertEquals("{\"x\":[1]}", r.get("id").toString());
        r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"uptime\"}");
        assertTrue(r.has("id") && r.get("id").isNull(), "id null is a call, not a notification");
    }

    @Test
    void errorsOfLegacyCallsUseHttpStatusLikeCore() throws Exception {
        HttpResponse<String> r = srv.post("{\"id\":1,\"method\":\"nosuch\"}");
        assertEquals(404, r.statusCode());
        assertEquals("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}\n", r.body());
        r = srv.post("{\"id\":1,\"method\":\"reject\"}");
        assertEquals(500, r.statusCode());
        assertEquals(-8, RpcJson.MAPPER.readTree(r.body()).at("/error/code").asInt());
        r = srv.post("{\"id\":1,\"params\":[]}");
        assertEquals(400, r.statusCode());
        assertEquals("Missing method", RpcJson.MAPPER.readTree(r.body()).at("/error/message").asText());
    }

    @Test
    void errorsOfVersion2CallsAreHttp200() throws Exception {
        HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nosuch\"}");
        assertEquals(200, r.statusCode());
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}\n",
                r.body());
    }

    @Test
    void batchAnswersEachInOrderAndSkipsNotifications() throws Exception {
        HttpResponse<String> r = srv.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notify\"},"
                + "{\"id\":2,\"method\":\"nosuch\"},"
                + "42,"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\",\"params\":{\"message\":\"b\"}}]");
        assertEquals(200, r.statusCode());
        JsonNode a = RpcJson.MAPPER.readTree(r.body());
        assertEquals(4, a.size());
        assertEquals("a", a.get(0).get("result").asText());
        assertEquals(-32601, a.get(1).at("/error/code").asInt());
        assertEquals(2, a.get(1).get("id").asInt());
        assertTrue(a.get(1).has("result"), "legacy element keeps the legacy shape");
        assertEquals(-32600, a.get(2).at("/error/code").asInt(), "non-object element");
        assertEquals("Invalid Request object", a.get(2).at("/error/message").asText());
        assertEquals("b", a.get(3).get("result").asText());
    }

    @Test
    void notificationsRunButGetNoContent() throws Exception {
        int before = DemoMethods.NOTIFIED.get();
        HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"method\":\"notify\"}");
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        r = srv.post("[{\"jsonrpc\":\"2.0\",\"method\":\"notify\"},{\"jsonrpc\":\"2.0\",\"method\":\"notify\"}]");
        assertEquals(204, r.statusCode());
        assertEquals(before + 3, DemoMethods.NOTIFIED.get());
        // A legacy request without an id is not a notification: it is answered, without an id.
        assertEquals("{\"result\":\"x\",\"error\":null}\n", srv.post("{\"method\":\"echo\",\"params\":[\"x\"]}").body());
    }

    @Test
    void emptyBatchIsAnInvalidRequest() throws Exception {
        HttpResponse<String> r = srv.post("[]");
        assertEquals(400, r.statusCode());
        assertEquals(-32600, RpcJson.MAPPER.readTree(r.body()).at("/error/code").asInt());
    }

    @Test
    void malformedJsonIsAParseErrorWithHttp500() throws Exception {
        for (String body : new String[] {"{\"method\":", "", "{} x", "{'a':1}"}) {
            HttpResponse<String> r = srv.post(body);
            assertEquals(500, r.statusCode(), body);
            assertEquals("{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}\n",
                    r.body(), body);
        }
    }

    @Test
    void nonObjectRequestsAreRefused() throws Exception {
        // Top level: Core answers a scalar with the parse-error code.
        HttpResponse<String> r = srv.post("42");
        assertEquals(500, r.statusCode());
        assertEquals("Top-level object parse error", RpcJson.MAPPER.readTree(r.body()).at("/error/message").asText());
        assertEquals(-32700, RpcJson.MAPPER.readTree(r.body()).at("/error/code").asInt());
        // Inside a batch: -32600 Invalid Request object.
        JsonNode a = srv.call("[\"x\"]");
        assertEquals(-32600, a.get(0).at("/error/code").asInt());
        // Bad members of a request object: -32600.
        assertEquals(-32600, srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}").at("/error/code").asInt());
        assertEquals(-32600, srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\"x\"}")
                .at("/error/code").asInt());
        assertEquals(-32600, srv.call("{\"jsonrpc\":\"3.0\",\"id\":1,\"method\":\"echo\"}").at("/error/code").asInt());
    }

    @Test
    void wrongParameterTypeIsATypeError() throws Exception {
        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[5]}");
        assertEquals(-3, r.at("/error/code").asInt());
        assertEquals("Wrong type passed:\n{\n    \"Position 1 (message)\": "
                + "\"JSON value of type number is not of expected type string\"\n}", r.at("/error/message").asText());
    }

    @Test
    void tooManyOrTooFewParamsAnswerWithUsage() throws Exception {
        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\",1,2]}");
        assertEquals(-1, r.at("/error/code").asInt());
        assertTrue(r.at("/error/message").asText().startsWith("echo \"message\" ( repeat )\n"));
        r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[]}");
        assertEquals(-1, r.at("/error/code").asInt());
    }

    @Test
    void namedParamsAreMatchedByName() throws Exception {
        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"repeat\":2,\"message\":\"ab\"}}");
        assertEquals("abab", r.get("result").asText());
        r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"messag\":\"ab\"}}");
        assertEquals(-8, r.at("/error/code").asInt());
        assertEquals("Unknown named parameter messag", r.at("/error/message").asText());
    }

    @Test
    void missingCredentialsGet401WithChallenge() throws Exception {
        HttpResponse<String> r = srv.post("{\"method\":\"uptime\"}", null);
        assertEquals(401, r.statusCode());
        assertEquals("Basic realm=\"jsonrpc\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void wrongCredentialsGet401AfterADelay() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = srv.post("{\"method\":\"uptime\"}", "__cookie__:00");
        assertEquals(401, r.statusCode());
        assertEquals("Basic realm=\"jsonrpc\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(240), "brute-force delay");
        assertEquals(401, srv.post("{\"method\":\"uptime\"}", "someone:" + srv.credentials.substring(11)).statusCode());
        // Not Basic at all.
        HttpResponse<String> bearer = srv.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + srv.port + "/"))
                .header("Authorization", "Bearer x").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bearer.statusCode());
    }

    @Test
    void onlyPostOnRootIsServed() throws Exception {
        HttpResponse<String> get = srv.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + srv.port + "/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> other = srv.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + srv.port + "/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
    }

    @Test
    void handlerBugIsAnInternalErrorAndTheServerGoesOn() throws Exception {
        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fail\"}");
        assertEquals(-32603, r.at("/error/code").asInt());
        String message = r.at("/error/message").asText();
        assertTrue(message.matches("Internal error #\\d+ \\(details in the node's debug.log\\)"), message);
        HttpResponse<String> legacy = srv.post("{\"id\":1,\"method\":\"fail\"}");
        assertEquals(500, legacy.statusCode());
        assertEquals("hi", srv.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[\"hi\"]}")
                .get("result").asText());
    }

    @Test
    void nullResultIsJsonNull() throws Exception {
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":1}\n",
                srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nothing\"}").body());
    }

    @Test
    void slowHandlerBlocksNobody() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = srv.http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + srv.port + "/"))
                        .header("Authorization", basic(srv.credentials))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sleep\",\"params\":[1000]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(50); // let the slow call reach its worker
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals("x" + i, srv.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"x" + i + "\"]}")
                    .get("result").asText());
        }
        assertFalse(slow.isDone(), "the 20 calls finished while the slow one still ran");
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(900));
        assertEquals("slept", RpcJson.MAPPER.readTree(slow.get(5, TimeUnit.SECONDS).body()).get("result").asText());
    }

    @Test
    void eightThreadsOfTwoHundredCallsAreAllAnsweredCorrectly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 200; i++) {
                        String msg = "t" + thread + "-" + i;
                        JsonNode r = srv.call("{\"jsonrpc\":\"2.0\",\"id\":\"" + msg + "\",\"method\":\"echo\",\"params\":[\""
                                + msg + "\"]}");
                        if (r.get("result").asText().equals(msg) && r.get("id").asText().equals(msg)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cookieIsOwnerOnlyAndRemovedOnStop() throws Exception {
        try (TestServer own = new TestServer()) {
            Path cookie = own.dataDir.resolve(".cookie");
            assertEquals(cookie, own.server.cookieFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)));
            String text = Files.readString(cookie);
            assertTrue(text.matches("__cookie__:[0-9a-f]{64}"), text);
            assertFalse(Files.exists(own.dataDir.resolve(".cookie.tmp")));
            own.server.stop();
            assertFalse(Files.exists(cookie));
        }
    }

    @Test
    void passwordAuthenticationWritesNoCookie() throws Exception {
        Path dir = Files.createTempDirectory("nakamoto-rpc-pw");
        var vertx = io.vertx.core.Vertx.vertx();
        RpcServer pw = new RpcServer(vertx, RpcServerConfig.withPassword(0, "alice", "s3cret"), DemoMethods.registry(),
                new RpcWarmup(), RpcMetrics.NONE);
        try {
            int port = pw.start();
            assertEquals(null, pw.cookieFile());
            HttpResponse<String> r = srv.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Authorization", basic("alice:s3cret"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":\"echo\",\"params\":[\"ok\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", RpcJson.MAPPER.readTree(r.body()).get("result").asText());
        } finally {
            pw.stop();
            vertx.close().toCompletionStage().toCompletableFuture().get();
            Files.delete(dir);
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedUnreadAndTheServerGoesOn() throws Exception {
        try (TestServer small = new TestServer(RpcMetrics.NONE, 1024)) {
            // Declares 2 MiB and sends none of it: the answer must come from the header alone.
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", small.port), 5000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(small.credentials)
                        + "\r\nContent-Length: " + (2 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertTrue(readStatusLine(s.getInputStream()).startsWith("HTTP/1.1 413"));
            }
            // A chunked body that grows past the limit.
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", small.port), 5000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(small.credentials)
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String chunk = "x".repeat(800);
                for (int i = 0; i < 2; i++) {
                    out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                assertTrue(readStatusLine(s.getInputStream()).startsWith("HTTP/1.1 413"));
            }
            // An ordinary client sending the whole oversized body.
            HttpResponse<String> big = small.post("{\"method\":\"echo\",\"params\":[\"" + "y".repeat(4000) + "\"]}");
            assertEquals(413, big.statusCode());
            assertEquals("ok", small.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"ok\"]}")
                    .get("result").asText());
        }
    }

    @Test
    void warmupRefusesEveryCallWithItsStatus() throws Exception {
        try (TestServer w = new TestServer()) {
            w.warmup.begin("Loading block index…");
            for (String method : new String[] {"help", "uptime", "nosuch"}) {
                JsonNode r = w.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\"}");
                assertEquals(-28, r.at("/error/code").asInt());
                assertEquals("Loading block index…", r.at("/error/message").asText());
            }
            assertEquals(500, w.post("{\"id\":1,\"method\":\"uptime\"}").statusCode());
            w.warmup.finish();
            assertTrue(w.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"uptime\"}").has("result"));
        }
    }

    private static String basic(String userColonPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPass.getBytes(StandardCharsets.UTF_8));
    }

    private static String readStatusLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().trim();
    }
}
