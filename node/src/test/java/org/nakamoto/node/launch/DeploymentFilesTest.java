package org.nakamoto.node.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.Nakamotod;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The Dockerfile, compose files, Kubernetes example and README against the real nakamotod, without a
 * container engine (scripts/docker-smoke.sh builds and runs the image where one can run): known
 * instructions, JSON-form commands, files that exist, ports and options that are real, listeners on
 * loopback, and that the README documents every option the node has.
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
        assertTrue(lines.stream().filter(l -> l.startsWith("FROM ")).allMatch(l -> l.startsWith("FROM debian:bookworm-slim")),
                "both stages on a base that debootstrap can make without a registry");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")), "a health check");
        assertTrue(lines.stream().anyMatch(l -> l.matches("ENV JAVA_OPTS=\"-Xmx\\d+[mg] .*")), "a default heap");
        assertTrue(lines.contains("VOLUME /data"), "one data volume");
        int p2p = ParamsLoader.builtIn("testnet").defaultPort();
        int rpc = ParamsLoader.builtIn("testnet").rpcPort();
        assertTrue(lines.contains("EXPOSE " + p2p + " " + rpc + " 28445"), "P2P, RPC and metrics ports exposed");
    }

    @Test
    void everyOptionTheDeploymentFilesUseIsARealNodeOption() throws Exception {
        Set<String> real = nodeOptions();
        for (String file : List.of("docker/entrypoint", "compose.yaml", "docker/compose.multihost.yaml",
                "docker/k8s/nakamoto.yaml", "bin/testnet")) {
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The value after {@code option} in a command line, or null. */
    static String value(List<String> command, String option) {
        int i = command.indexOf(option);
        return i >= 0 && i + 1 < command.size() ? command.get(i + 1) : null;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheSmokeTestnetOnTheHostsLoopback() throws Exception {
        Map<String, Object> compose = yaml("compose.yaml");
        assertFalse(compose.containsKey("networks"), "no bridge network: host networking");
        Map<String, Object> services = map(compose.get("services"));
        assertEquals(3, services.size(), "three nodes, as scripts/docker-smoke.sh runs");
        Map<String, String> p2pPorts = new HashMap<>();
        for (var e : services.entrySet()) {
            List<String> cmd = (List<String>) map(e.getValue()).get("command");
            p2pPorts.put(e.getKey(), value(cmd, "--port"));
        }
        int miners = 0;
        for (var e : services.entrySet()) {
            Map<String, Object> svc = map(e.getValue());
            assertEquals("host", svc.get("network_mode"), e.getKey() + ": host networking");
            assertFalse(svc.containsKey("ports"), e.getKey() + ": nothing published (host networking)");
            List<String> cmd = (List<String>) svc.get("command");
            for (String bind : List.of("--bind", "--rpcbind", "--metrics-bind")) {
                assertEquals("127.0.0.1", value(cmd, bind), e.getKey() + ": " + bind + " on loopback");
            }
            Set<String> peers = new TreeSet<>();
            for (int i = 0; i < cmd.size(); i++) {
                if (cmd.get(i).equals("--addnode")) {
                    peers.add(cmd.get(i + 1));
                }
            }
            Set<String> others = new TreeSet<>();
            p2pPorts.forEach((name, port) -> {
                if (!name.equals(e.getKey())) {
                    others.add("127.0.0.1:" + port);
                }
            });
            assertEquals(others, peers, e.getKey() + " names every other node");
            miners += cmd.contains("--mine") ? 1 : 0;
        }
        assertEquals(2, miners, "two of them mine");
        assertEquals(3, new HashSet<>(p2pPorts.values()).size(), "own P2P ports");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMultiHostComposeFileKeepsRpcLocalAndItsPasswordInAFile() throws Exception {
        Map<String, Object> compose = yaml("docker/compose.multihost.yaml");
        assertFalse(compose.containsKey("networks"), "no bridge network: host networking");
        Map<String, Object> node = map(map(compose.get("services")).get("node"));
        assertEquals("host", node.get("network_mode"));
        String cmd = (String) node.get("command");
        assertTrue(cmd.contains("--rpcbind 127.0.0.1") && cmd.contains("--metrics-bind 127.0.0.1"), cmd);
        assertTrue(cmd.contains("--bind ${NAKAMOTO_ADDR"), "P2P on the host's own address: " + cmd);
        Map<String, Object> env = map(node.get("environment"));
        assertEquals("/run/secrets/rpcpassword", env.get("NAKAMOTO_RPCPASSWORD_FILE"));
        assertFalse(env.containsKey("NAKAMOTO_RPCPASSWORD"), "the password is a secret file, not an environment variable");
        assertEquals(List.of("rpcpassword"), node.get("secrets"));
        assertTrue(env.containsKey("NAKAMOTO_ADDNODES"), "peers from the environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesExampleIsAStatefulSetBehindAHeadlessService() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(ROOT.resolve("docker/k8s/nakamoto.yaml")))) {
            docs.add(map(d));
        }
        Map<String, Object> service = docs.stream().filter(d -> "Service".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> set = docs.stream().filter(d -> "StatefulSet".equals(d.get("kind"))).findFirst().orElseThrow();
        assertEquals("None", map(service.get("spec")).get("clusterIP"), "headless service");
        Map<String, Object> spec = map(set.get("spec"));
        assertEquals(map(service.get("metadata")).get("name"), spec.get("serviceName"), "pods named through the service");
        Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
        assertEquals(10001, map(podSpec.get("securityContext")).get("runAsUser"), "the image's non-root user");
        List<Map<String, Object>> claims = (List<Map<String, Object>>) spec.get("volumeClaimTemplates");
        assertEquals(1, claims.size(), "one volume claim per pod");
        String claim = (String) map(claims.get(0).get("metadata")).get("name");
        Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
        assertTrue(((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .anyMatch(m -> claim.equals(m.get("name")) && "/data".equals(m.get("mountPath"))), "the claim is /data");
        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        String nodes = env.stream().filter(v -> "NODES".equals(v.get("name"))).map(v -> (String) v.get("value"))
                .findFirst().orElseThrow();
        assertEquals(spec.get("replicas"), Integer.parseInt(nodes), "NODES matches replicas");
        String script = ((List<String>) container.get("args")).get(0);
        assertTrue(script.contains("--rpcbind 127.0.0.1"), "RPC stays inside the pod");
        assertTrue(script.contains("exec entrypoint"), "runs the image's entrypoint");
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
