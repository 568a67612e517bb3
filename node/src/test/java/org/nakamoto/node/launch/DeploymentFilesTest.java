package org.nakamoto.node.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.Nakamotod;
import picocli.CommandLine;

/**
 * The Dockerfile, compose file and README against the real nakamotod: no container engine runs on the
 * build machines, so this checks what can be checked without one (known instructions, JSON-form
 * commands, files that exist, ports and options that are real), and that the README documents every
 * option the node has.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Scripts.repoRoot();
    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "COPY", "ADD", "WORKDIR", "USER",
            "VOLUME", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "ENV", "ARG", "LABEL", "STOPSIGNAL", "SHELL");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]+)");

    static Set<String> nodeOptions() {
        Set<String> names = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new Nakamotod()).getCommandSpec().options()) {
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** Dockerfile lines with continuations joined and comments dropped. */
    static List<String> dockerInstructions() throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            cur.append(t);
            out.add(cur.toString());
            cur.setLength(0);
        }
        assertEquals(0, cur.length(), "no dangling continuation");
        return out;
    }

    @Test
    void theDockerfileIsWellFormed() throws Exception {
        List<String> lines = dockerInstructions();
        assertTrue(lines.get(0).startsWith("FROM "), "starts with FROM");
        assertEquals(2, lines.stream().filter(l -> l.startsWith("FROM ")).count(), "multi-stage: build, then runtime");
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            String instruction = l.split("\\s+", 2)[0];
            assertTrue(INSTRUCTIONS.contains(instruction), "known instruction: " + l);
            if (instruction.equals("ENTRYPOINT") || instruction.equals("CMD")) {
                JsonNode form = json.readTree(l.substring(instruction.length()).strip());
                assertTrue(form.isArray(), "exec form: " + l);
            }
            if (instruction.equals("HEALTHCHECK")) {
                assertTrue(l.contains("getblockcount"), "health is asked over RPC: " + l);
            }
            if (instruction.equals("COPY") && !l.contains("--from=")) {
                String[] parts = l.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertTrue(Files.exists(ROOT.resolve(parts[i])), "COPY source exists: " + parts[i]);
                }
            }
        }
        assertTrue(lines.contains("USER nakamoto"), "runs as a non-root user");
        assertTrue(lines.contains("VOLUME /data"), "one data volume");
        int p2p = ParamsLoader.builtIn("testnet").defaultPort();
        int rpc = ParamsLoader.builtIn("testnet").rpcPort();
        assertTrue(lines.contains("EXPOSE " + p2p + " " + rpc + " 28445"), "P2P, RPC and metrics ports exposed");
    }

    @Test
    void everyOptionTheDeploymentFilesUseIsARealNodeOption() throws Exception {
        Set<String> real = nodeOptions();
        for (String file : List.of("docker/entrypoint", "compose.yaml", "bin/testnet")) {
            String text = Files.readString(ROOT.resolve(file));
            Matcher m = OPTION.matcher(text.replaceAll("(?m)^\\s*#.*$", ""));
            while (m.find()) {
                String opt = m.group(1);
                if (Set.of("--help", "--from", "--quiet", "--system", "--gid", "--uid", "--home-dir", "--shell").contains(opt)) {
                    continue; // not nakamotod's: docker, git and useradd options
                }
                assertTrue(real.contains(opt), file + " uses " + opt + ", which nakamotod does not have");
            }
        }
    }

    @Test
    void composeKeepsRpcOnTheHostsLoopback() throws Exception {
        String compose = Files.readString(ROOT.resolve("compose.yaml"));
        Matcher ports = Pattern.compile("ports:\\s*\\[([^]]*)]").matcher(compose);
        int services = 0;
        while (ports.find()) {
            services++;
            for (String p : ports.group(1).split(",")) {
                assertTrue(p.strip().startsWith("\"127.0.0.1:"), "published on the host's loopback only: " + p);
            }
        }
        assertEquals(4, services, "four nodes publish RPC");
        assertEquals(2, Pattern.compile("\"--mine\"").matcher(compose).results().count(), "two of them mine");
    }

    @Test
    void theReadmeDocumentsEveryNodeOptionAndTheCommandsCiRuns() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String opt : nodeOptions()) {
            if (opt.equals("--help") || opt.equals("--version")) {
                continue;
            }
            assertTrue(readme.contains("`" + opt), "README documents " + opt);
        }
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        String testCommand = readme.split("<!-- test-command -->")[1].split("```")[1].strip();
        assertTrue(ci.lines().anyMatch(l -> l.strip().equals(testCommand)), ".ci/run runs the README's test command: " + testCommand);
    }
}
