package org.nakamoto.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcJson;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcMetrics;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;
import org.nakamoto.node.rpc.RpcServer;
import org.nakamoto.node.rpc.RpcServerConfig;
import org.nakamoto.node.rpc.RpcWarmup;

/** nakamoto-cli run in-process against a real server, registered through the public API only. */
class NakamotoCliTest {
    private static Vertx vertx;
    private static Path dataDir;
    private static RpcWarmup warmup;
    private static RpcServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dataDir = Files.createTempDirectory("nakamoto-cli");
        warmup = new RpcWarmup();
        server = new RpcServer(vertx, RpcServerConfig.withCookie(0, dataDir), registry(), warmup, RpcMetrics.NONE);
        port = server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        Files.deleteIfExists(dataDir);
    }

    @Test
    void objectResultIsIndentedByTwoSpaces() {
        Run r = cli("shape");
        assertEquals(0, r.exit);
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    1,
                    "x"
                  ],
                  "c": {},
                  "d": []
                }
                """, r.out);
        assertEquals("", r.err);
    }

    @Test
    void stringResultIsPrintedUnquoted() {
        Run r = cli("echo", "hello world");
        assertEquals(0, r.exit);
        assertEquals("hello world\n", r.out);
    }

    @Test
    void nullResultPrintsNothing() {
        Run r = cli("nothing");
        assertEquals(0, r.exit);
        assertEquals("", r.out);
    }

    @Test
    void argumentsAreJsonWhenTheyParseAsJson() {
        assertEquals("3\n", cli("add", "-2", "5").out, "negative numbers after METHOD are arguments");
        assertEquals("abab\n", cli("echo", "ab", "2").out);
        assertEquals("Wrong type passed:\n{\n    \"Position 1 (message)\": "
                + "\"JSON value of type number is not of expected type string\"\n}",
                lastLines(cli("echo", "12").err));
        assertEquals("12\n", cli("echo", "\"12\"").out, "JSON quotes force a string");
    }

    @Test
    void errorsGoToStderrWithCoresExitCode() {
        Run r = cli("reject");
        assertEquals(8, r.exit);
        assertEquals("", r.out);
        assertEquals("error code: -8\nerror message:\nbad thing\n", r.err);
        r = cli("nosuch");
        assertEquals(32601, r.exit);
        assertEquals("error code: -32601\nerror message:\nMethod not found\n", r.err);
    }

    @Test
    void namedArgumentsLikeBitcoinCli() {
        assertEquals("hihi\n", cli("--named", "echo", "repeat=2", "message=hi").out);
        assertEquals("hihi\n", cli("-named", "echo", "hi", "repeat=2").out, "bare values become leading args");
    }

    @Test
    void coreStyleSingleDashOptionsWork() {
        Run r = run("-rpcport=" + port, "-datadir=" + dataDir, "echo", "ok");
        assertEquals(0, r.exit, r.err);
        assertEquals("ok\n", r.out);
    }

    @Test
    void helpComesFromTheServer() {
        Run r = cli("help", "echo");
        assertTrue(r.out.startsWith("echo \"message\" ( repeat )\n"), r.out);
    }

    @Test
    void cookieIsFoundInTheDataDirectory() throws Exception {
        Path empty = Files.createTempDirectory("nakamoto-cli-empty");
        try {
            Run r = run("--rpcport", String.valueOf(port), "--datadir", empty.toString(), "echo", "x");
            assertEquals(1, r.exit);
            assertTrue(r.err.startsWith("error: Could not locate RPC credentials"), r.err);
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void wrongPasswordIsAnAuthorizationError() {
        Run r = run("--rpcport", String.valueOf(port), "--rpcuser", "__cookie__", "--rpcpassword", "nope", "echo", "x");
        assertEquals(1, r.exit);
        assertEquals("error: Authorization failed: Incorrect rpcuser or rpcpassword\n", r.err);
    }

    @Test
    void passwordFileKeepsThePasswordOffTheCommandLine() throws Exception {
        String cookie = Files.readString(dataDir.resolve(".cookie")).strip();
        Path file = Files.createTempFile("nakamoto-cli-pw", ".txt");
        try {
            Files.writeString(file, cookie.substring(cookie.indexOf(':') + 1) + "\nignored second line\n");
            Run r = run("--rpcport", String.valueOf(port), "--rpcuser", "__cookie__", "--rpcpassword-file", file.toString(),
                    "echo", "via file");
            assertEquals(0, r.exit, r.err);
            assertEquals("via file\n", r.out);
            Files.writeString(file, "\n");
            r = run("--rpcport", String.valueOf(port), "--rpcuser", "__cookie__", "--rpcpassword-file", file.toString(),
                    "echo", "x");
            assertEquals(1, r.exit);
            assertTrue(r.err.startsWith("error: --rpcpassword-file " + file + ": its first line (the password) is empty"), r.err);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void connectionRefusedSaysWhere() throws Exception {
        int closed = closedPort();
        Run r = run("--rpcport", String.valueOf(closed), "--datadir", dataDir.toString(), "echo", "x");
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("error: Could not connect to the server 127.0.0.1:" + closed + "\n"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void rpcwaitGivesUpAfterItsTimeout() throws Exception {
        long t0 = System.nanoTime();
        Run r = run("--rpcport", String.valueOf(closedPort()), "--datadir", dataDir.toString(),
                "--rpcwait", "--rpcwaittimeout", "1", "echo", "x");
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("error: Could not connect"), r.err);
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "it retried");
    }

    @Test
    void rpcwaitWaitsForWarmupToFinish() throws Exception {
        warmup.begin("Loading block index…");
        Run plain = cli("echo", "x");
        assertEquals(28, plain.exit);
        assertEquals("error code: -28\nerror message:\nLoading block index…\n", plain.err);
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                return;
            }
            warmup.finish();
        });
        finisher.start();
        try {
            Run r = cli("--rpcwait", "echo", "ready");
            assertEquals(0, r.exit, r.err);
            assertEquals("ready\n", r.out);
        } finally {
            warmup.finish();
            finisher.join();
        }
    }

    @Test
    void networkPicksTheDefaultPort() {
        Run r = run("--network", "regtest", "--rpcpassword", "x", "echo", "x");
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("127.0.0.1:18443"), r.err);
        r = run("--network", "nonet", "--rpcpassword", "x", "echo", "x");
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("error: unknown network 'nonet'"), r.err);
    }

    private static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--rpcport", String.valueOf(port), "--datadir", dataDir.toString()));
        // Options must precede METHOD: everything after it is an argument.
        int method = 0;
        while (method < args.length && args[method].startsWith("-")) {
            all.add(0, args[method++]);
        }
        all.addAll(List.of(args).subList(method, args.length));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = NakamotoCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String lastLines(String err) {
        return err.substring(err.indexOf("error message:\n") + "error message:\n".length()).stripTrailing();
    }

    private record Run(int exit, String out, String err) {
    }

    private static RpcRegistry registry() {
        RpcRegistry r = new RpcRegistry();
        r.register(RpcMethod.builder("echo").category(RpcCategory.UTIL)
                .summary("Returns the message, repeated.")
                .param(RpcParam.required("message", ParamType.STRING, "The text"))
                .param(RpcParam.optional("repeat", ParamType.NUMBER, IntNode.valueOf(1), "How many times"))
                .result("\"text\"    (string)")
                .handler(p -> p.getString("message").repeat(p.getInt("repeat")))
                .build());
        r.register(RpcMethod.builder("add").category(RpcCategory.UTIL)
                .summary("Adds two integers.")
                .param(RpcParam.required("a", ParamType.NUMBER, "First"))
                .param(RpcParam.required("b", ParamType.NUMBER, "Second"))
                .result("n    (numeric) a + b")
                .handler(p -> p.getLong("a") + p.getLong("b"))
                .build());
        r.register(RpcMethod.builder("shape").category(RpcCategory.UTIL)
                .summary("Returns a nested object.")
                .result("{...}    (json object)")
                .handler(p -> RpcJson.MAPPER.readTree("{\"a\":1,\"b\":[1,\"x\"],\"c\":{},\"d\":[]}"))
                .build());
        r.register(RpcMethod.builder("nothing").category(RpcCategory.UTIL)
                .summary("Returns null.")
                .result("null    (json null)")
                .handler(p -> null)
                .build());
        r.register(RpcMethod.builder("reject").category(RpcCategory.UTIL)
                .summary("Refuses with -8.")
                .result("nothing")
                .handler(p -> {
                    throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "bad thing");
                })
                .build());
        return r;
    }
}
