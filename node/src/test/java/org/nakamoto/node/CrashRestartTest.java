package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a mining node on the local testnet: restarted on the same data directory it comes back on a
 * tip at least as high as the last one it reported, and catches up with the peer that kept mining.
 */
class CrashRestartTest {
    private static final Pattern TIP_LINE = Pattern.compile("new tip height=(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void aKilledMiningNodeRejoinsAtLeastWhereItWasAndCatchesUp() throws Exception {
        try (NodeProcess a = NodeProcess.start(tmp.resolve("a"), "testnet", List.of("--mine", "--miner-threads", "1"))) {
            String peer = "127.0.0.1:" + a.p2pPort;
            List<String> bOptions = List.of("--mine", "--miner-threads", "1", "--connect", peer);
            NodeProcess b = NodeProcess.start(tmp.resolve("b"), "testnet", bOptions);
            int reported;
            try {
                waitUntil(() -> height(b) >= 5 && tip(a).equals(tip(b)), 120, "b mines and follows a");
                int askedHeight = height(b);
                b.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertTrue(b.process.waitFor(30, TimeUnit.SECONDS));
                reported = Math.max(askedHeight, lastLoggedTip(b.output()));
            } finally {
                b.process.destroyForcibly();
            }
            int aHeightAtKill = height(a);
            waitUntil(() -> height(a) >= aHeightAtKill + 3, 120, "a mines on alone");

            try (NodeProcess again = NodeProcess.start(tmp.resolve("b"), "testnet", bOptions)) {
                int restartedAt = height(again);
                assertTrue(restartedAt >= reported,
                        "restarted at " + restartedAt + ", but had reported " + reported);
                waitUntil(() -> height(again) >= aHeightAtKill + 3 && tip(again).equals(tip(a)), 120,
                        "b catches up with a");
                assertEquals(tip(a), tip(again));
            }
        }
    }

    private static int lastLoggedTip(String log) {
        Matcher m = TIP_LINE.matcher(log);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static int height(NodeProcess n) throws Exception {
        return n.result("getblockcount").asInt();
    }

    private static String tip(NodeProcess n) throws Exception {
        return n.result("getbestblockhash").asText();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check c, int seconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
    }
}
