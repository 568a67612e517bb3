package org.nakamoto.node.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start from a fresh clone: its one command builds the project and starts a mining
 * node on the local testnet; blocks appear in the log and nakamoto-cli getblockcount grows. The command is
 * read from the README itself (the line after the "quick-start" marker), so the two cannot drift apart.
 */
class QuickStartIT {
    @TempDir
    Path tmp;

    static String quickStartCommand(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("<!-- quick-start -->")) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String l = lines.get(j).trim();
                    if (!l.isEmpty() && !l.startsWith("```")) {
                        return l;
                    }
                }
            }
        }
        throw new AssertionError("README.md has no <!-- quick-start --> marker");
    }

    @Test
    void theReadmeCommandStartsAMiningNodeFromAFreshClone() throws Exception {
        Path root = Scripts.repoRoot();
        String command = quickStartCommand(root.resolve("README.md"));
        assertTrue(command.startsWith("bin/nakamotod"), command);
        Path clone = tmp.resolve("nakamoto");
        Scripts.Result cloned = Scripts.run(tmp, Map.of(), 120,
                List.of("git", "clone", "--quiet", root.toString(), clone.toString()));
        assertEquals(0, cloned.exit(), cloned.output());
        assertTrue(!Files.exists(clone.resolve("node/target")), "a fresh clone has nothing built");

        // A fresh home: the node's data goes to <home>/.nakamoto/testnet; Maven keeps its usual repository.
        Path home = Files.createDirectories(tmp.resolve("home"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + Path.of(System.getProperty("user.home"), ".m2", "repository"));
        Path log = tmp.resolve("quickstart.log");
        List<String> sh = new ArrayList<>(List.of("bash", "-c", "exec " + command));
        ProcessBuilder pb = new ProcessBuilder(sh).directory(clone.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process node = pb.start();
        try {
            String cli = clone.resolve("bin/nakamoto-cli").toString();
            int first = -1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8); // includes the build
            while (System.nanoTime() < deadline) {
                assertTrue(node.isAlive(), "the node exited:\n" + Files.readString(log));
                if (Files.readString(log).contains("new tip height=")) {
                    Scripts.Result count = Scripts.run(clone, env, 60, List.of(cli, "getblockcount"));
                    if (count.exit() == 0) {
                        int h = Integer.parseInt(count.output().strip());
                        if (first < 0) {
                            first = h;
                        } else if (h > first) {
                            break;
                        }
                    }
                }
                Thread.sleep(1000);
            }
            String out = Files.readString(log);
            assertTrue(out.contains("new tip height="), "blocks appear in the log:\n" + out);
            Scripts.Result later = Scripts.run(clone, env, 60, List.of(cli, "getblockcount"));
            assertTrue(first >= 1 && Integer.parseInt(later.output().strip()) > first,
                    "getblockcount grows: first " + first + ", then " + later.output());
            assertTrue(Files.exists(home.resolve(".nakamoto/testnet/miner.key")), "data lives in ~/.nakamoto/testnet");
        } finally {
            node.destroy();
            node.waitFor(60, TimeUnit.SECONDS);
            node.destroyForcibly();
        }
    }
}
