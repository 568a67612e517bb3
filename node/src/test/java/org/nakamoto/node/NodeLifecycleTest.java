package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nakamotod process from outside: import of real Bitcoin blocks, SIGTERM and the stop call shut down
 * cleanly and a restart continues on the same tip, bad options fail fast with one line.
 *
 * <p>Exit codes: the stop RPC ends with 0. SIGTERM ends with 143 (the JVM's 128 + 15) after the shutdown
 * hook has run the same clean stop; the test accepts 0 or 143 and checks the log says the shutdown completed.
 */
class NodeLifecycleTest {
    static final String BLOCK_438 = "0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a";

    @TempDir
    Path tmp;

    @Test
    void importsMainnetBlocksThenServesThem() throws Exception {
        Path dat = tmp.resolve("mainnet-blocks-0-438.dat");
        try (InputStream in = getClass().getResourceAsStream("/bitcoin/mainnet-blocks-0-438.dat")) {
            Files.copy(in, dat);
        }
        Path dir = tmp.resolve("mainnet");
        Path log = tmp.resolve("import.log");
        int code = NodeProcess.run(List.of("--network", "mainnet", "--datadir", dir.toString(), "import", dat.toString()),
                log, 120);
        String out = Files.readString(log);
        assertEquals(0, code, out);
        assertTrue(out.contains("accepted=438") && out.contains("tip=438"), out);
        assertTrue(out.contains("100.0%"), "progress display: " + out);
        try (NodeProcess n = NodeProcess.start(dir, "mainnet", List.of())) {
            assertEquals(438, n.result("getblockcount").intValue());
            assertEquals(BLOCK_438, n.result("getbestblockhash").textValue());
            assertEquals("main", n.result("getblockchaininfo").get("chain").textValue());
        }
    }

    @Test
    void sigtermAndStopShutDownCleanlyAndRestartKeepsTheTip() throws Exception {
        Path dir = tmp.resolve("regtest");
        String address = NakamotodRpcTest.ADDRESS.toString();
        String tip;
        try (NodeProcess n = NodeProcess.start(dir, "regtest", List.of("--mine", "--mine-to", address, "--miner-threads", "1"))) {
            n.result("generatetoaddress", "25", q(address));
            assertTrue(n.result("getmininginfo").get("generate").booleanValue());
            int code = n.terminate();
            assertTrue(code == 0 || code == 143, "exit code " + code);
            String out = n.output();
            assertTrue(out.contains("Shutdown complete"), out);
            tip = lastTip(out);
            assertTrue(out.contains("new tip height=25"), "one log line per tip");
        }
        try (NodeProcess n = NodeProcess.start(dir, "regtest", List.of())) {
            assertEquals(tip, n.result("getbestblockhash").textValue(), "same tip after restart");
            assertEquals("nakamoto server stopping", n.result("stop").textValue());
            assertTrue(n.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, n.process.exitValue());
            assertTrue(n.output().contains("Shutdown complete"));
            assertTrue(Files.exists(dir.resolve("debug.log")));
            assertTrue(!Files.exists(dir.resolve(".cookie")), "cookie removed on shutdown");
        }
    }

    /** The hash of the last "new tip" line in a log. */
    private static String lastTip(String log) {
        int i = log.lastIndexOf("new tip height=");
        int h = log.indexOf("hash=", i) + 5;
        return log.substring(h, h + 64);
    }

    @Test
    void badOptionsFailWithOneLine() throws Exception {
        for (List<String> args : List.of(
                List.of("--network", "nosuchnet"),
                List.of("--network", "regtest", "--miner-threads", "0"),
                List.of("--network", "regtest", "--mine-to", "notanaddress"),
                List.of("--network", "regtest", "--rpcport", "70000"),
                List.of("--network", "regtest", "--params", "x.json"),
                List.of("--rpcuser", "only"),
                List.of("--no-such-option"))) {
            Path log = tmp.resolve("bad.log");
            int code = NodeProcess.run(args, log, 60);
            String out = Files.readString(log).strip();
            assertEquals(1, code, args + ": " + out);
            assertEquals(1, out.lines().count(), args + " gives one line: " + out);
            assertTrue(out.startsWith("nakamotod: "), out);
        }
    }
}
