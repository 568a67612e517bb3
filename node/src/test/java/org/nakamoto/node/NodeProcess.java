package org.nakamoto.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nakamotod} process: {@code java -cp <the test class path> org.nakamoto.node.Nakamotod ...},
 * output in {@code <dir>/process.log}, driven over JSON-RPC with {@link CoreRpcClient}. Ports are free ones
 * picked on 127.0.0.1 just before start. Public for the tests in sub-packages (org.nakamoto.node.wallet).
 */
public final class NodeProcess implements AutoCloseable {
    public final Path dataDir;
    public final int rpcPort;
    final int p2pPort;
    final Process process;
    final Path log;
    private CoreRpcClient rpc;
    private final String user;
    private final String password;

    private NodeProcess(Path dataDir, int rpcPort, int p2pPort, Process process, Path log, String user, String password) {
        this.dataDir = dataDir;
        this.rpcPort = rpcPort;
        this.p2pPort = p2pPort;
        this.process = process;
        this.log = log;
        this.user = user;
        this.password = password;
    }

    /** Starts a node on {@code dataDir} with the given extra options and waits until it answers getblockcount. */
    public static NodeProcess start(Path dataDir, String network, List<String> extra) throws Exception {
        return start(List.of(), dataDir, List.of("--network", network), extra);
    }

    /** Starts a node on a parameters file of its own ({@code --params}) instead of a shipped network. */
    public static NodeProcess startWithParams(Path dataDir, Path paramsFile, List<String> extra) throws Exception {
        return start(List.of(), dataDir, List.of("--params", paramsFile.toString()), extra);
    }

    /** As {@link #start(Path, String, List)}, with options for the JVM (system properties) before the class name. */
    static NodeProcess start(List<String> jvmOptions, Path dataDir, String network, List<String> extra) throws Exception {
        return start(jvmOptions, dataDir, List.of("--network", network), extra);
    }

    private static NodeProcess start(List<String> jvmOptions, Path dataDir, List<String> networkArgs, List<String> extra)
            throws Exception {
        int rpcPort = freePort();
        int p2pPort = freePort();
        List<String> args = new ArrayList<>(networkArgs);
        args.addAll(List.of("--datadir", dataDir.toString(),
                "--rpcport", Integer.toString(rpcPort), "--port", Integer.toString(p2pPort)));
        args.addAll(extra);
        String user = null;
        String password = null;
        int u = extra.indexOf("--rpcuser");
        int p = extra.indexOf("--rpcpassword");
        int f = extra.indexOf("--rpcpassword-file");
        if (u >= 0 && p >= 0) {
            user = extra.get(u + 1);
            password = extra.get(p + 1);
        } else if (u >= 0 && f >= 0) {
            user = extra.get(u + 1);
            password = Files.readAllLines(Path.of(extra.get(f + 1))).get(0).strip();
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-process.log");
        Process proc = launch(jvmOptions, args, log);
        NodeProcess n = new NodeProcess(dataDir, rpcPort, p2pPort, proc, log, user, password);
        n.awaitReady();
        return n;
    }

    /** Runs nakamotod to completion (import, bad options) and returns its exit code; output goes to {@code log}. */
    static int run(List<String> args, Path log, long timeoutSeconds) throws Exception {
        return run(List.of(), args, log, timeoutSeconds);
    }

    static int run(List<String> jvmOptions, List<String> args, Path log, long timeoutSeconds) throws Exception {
        Process proc = launch(jvmOptions, args, log);
        if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("nakamotod " + args + " did not finish in " + timeoutSeconds + " s");
        }
        return proc.exitValue();
    }

    static Process launch(List<String> args, Path log) throws IOException {
        return launch(List.of(), args, log);
    }

    static Process launch(List<String> jvmOptions, List<String> args, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, Nakamotod.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CLASSPATH", ""); // only -cp
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nakamotod exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                JsonNode reply = rpc().call("getblockcount");
                if (reply.path("error").isNull()) {
                    return;
                }
            } catch (IOException e) {
                last = e; // not listening yet, or no cookie yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nakamotod did not become ready; last: " + last + "\n" + Files.readString(log));
    }

    /** A client with the node's credentials: its password, else the cookie (read on each call: it changes per start). */
    CoreRpcClient rpc() throws IOException {
        if (user != null) {
            return rpc == null ? rpc = new CoreRpcClient(rpcPort, user + ":" + password) : rpc;
        }
        File cookie = dataDir.resolve(".cookie").toFile();
        if (!cookie.exists()) {
            throw new IOException("no cookie yet");
        }
        return new CoreRpcClient(rpcPort, Files.readString(cookie.toPath()).strip());
    }

    /** The result of a call, failing the test on an error reply. */
    public JsonNode result(String method, String... jsonParams) throws Exception {
        JsonNode reply = rpc().call(method, jsonParams);
        if (!reply.path("error").isNull()) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Sends SIGTERM and waits for the exit code. */
    int terminate() throws InterruptedException {
        process.destroy(); // SIGTERM on Unix
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nakamotod did not exit within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** The P2P port the node listens on (127.0.0.1). */
    public int p2pPort() {
        return p2pPort;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            terminate();
        }
    }
}
