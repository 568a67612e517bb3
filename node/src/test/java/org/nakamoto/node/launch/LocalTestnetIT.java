package org.nakamoto.node.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/testnet up 4: the nodes connect, mine and agree on one tip within a minute; down leaves nothing running. */
class LocalTestnetIT {
    @TempDir
    Path tmp;

    @Test
    void fourNodesConvergeAndDownStopsExactlyThem() throws Exception {
        Path root = Scripts.repoRoot();
        Path dir = tmp.resolve("testnet");
        Map<String, String> env = Map.of("NAKAMOTO_TESTNET_DIR", dir.toString());
        String testnet = root.resolve("bin/testnet").toString();
        try {
            Scripts.Result up = Scripts.run(root, env, 180, List.of(testnet, "up", "4"));
            assertEquals(0, up.exit(), up.output());
            assertTrue(up.output().contains("4 nodes up"), up.output());

            long deadline = System.nanoTime() + 60_000_000_000L;
            Scripts.Result status = null;
            boolean agreed = false;
            while (System.nanoTime() < deadline && !agreed) {
                status = Scripts.run(root, env, 60, List.of(testnet, "status"));
                agreed = status.exit() == 0 && status.output().contains("all 4 nodes on one tip")
                        && !status.output().contains(" 0/0 ") && heightAtLeast(status.output(), 3);
                if (!agreed) {
                    Thread.sleep(1000);
                }
            }
            assertTrue(agreed, "within a minute all four agree on a tip above height 2:\n" + status.output());
            assertEquals(2, status.output().lines().filter(l -> l.endsWith("yes")).count(), "two of them mine");
        } finally {
            Scripts.Result down = Scripts.run(root, env, 120, List.of(testnet, "down"));
            assertEquals(0, down.exit(), down.output());
        }
        assertFalse(Scripts.anyProcessMentions(dir.toString()), "no process of the testnet is left");
    }

    private static boolean heightAtLeast(String status, int min) {
        String last = status.lines().reduce((a, b) -> b).orElse("");
        int at = last.lastIndexOf("at height ");
        return at >= 0 && Integer.parseInt(last.substring(at + 10).trim()) >= min;
    }
}
