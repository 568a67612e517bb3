package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** RPC options of nakamotod: credentials without the command line, limits, peers' host names (issue 17). */
class RpcOptionsTest {
    @TempDir
    Path dir;

    private NodeConfig config(Map<String, String> env, String... args) {
        Nakamotod d = new Nakamotod();
        d.env = env;
        new CommandLine(d).parseArgs(args);
        return d.config();
    }

    private String[] base(String... more) {
        String[] head = {"--network", "regtest", "--datadir", dir.toString()};
        String[] all = new String[head.length + more.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    @Test
    void userAndPasswordFromTheEnvironment() {
        NodeConfig c = config(Map.of("NAKAMOTO_RPCUSER", "bob", "NAKAMOTO_RPCPASSWORD", "hunter2"), base());
        assertEquals("bob", c.rpcUser());
        assertEquals("hunter2", c.rpcPassword());
        c = config(Map.of("NAKAMOTO_RPCPASSWORD", "hunter2"), base("--rpcuser", "carol"));
        assertEquals("carol", c.rpcUser());
    }

    @Test
    void noPasswordMeansTheCookie() {
        NodeConfig c = config(Map.of(), base());
        assertNull(c.rpcPassword());
        assertNull(c.rpcUser());
    }

    @Test
    void badValuesAreRefused() {
        // The password file's own checks are in NakamotodOptionsTest.
        assertTrue(refusal(Map.of("NAKAMOTO_RPCUSER", "a"), base()).contains("go together"));
        assertTrue(refusal(Map.of("NAKAMOTO_RPCPASSWORD", "x"), base()).contains("go together"));
        assertTrue(refusal(Map.of(), base("--rpcservertimeout", "0")).contains("--rpcservertimeout"));
        assertTrue(refusal(Map.of(), base("--rpcmaxconnections", "0")).contains("--rpcmaxconnections"));
        assertTrue(refusal(Map.of(), base("--addnode", "a".repeat(300) + ":1")).contains("253 at most"));
        assertTrue(refusal(Map.of(), base("--connect", "bad_host:1")).contains("not a DNS label"));
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() throws Exception {
        Path f = Files.writeString(dir.resolve("pw"), "from-file\n");
        NodeConfig c = config(Map.of("NAKAMOTO_RPCUSER", "env", "NAKAMOTO_RPCPASSWORD", "from-env"),
                base("--rpcpassword-file", f.toString()));
        assertEquals("env", c.rpcUser());
        assertEquals("from-file", c.rpcPassword());
    }

    @Test
    void rpcLimits() {
        NodeConfig c = config(Map.of(), base("--rpcservertimeout", "5", "--rpcmaxconnections", "20"));
        assertEquals(Duration.ofSeconds(5), c.rpcLimits().requestTimeout());
        assertEquals(20, c.rpcLimits().maxConnections());
        assertEquals(Duration.ofSeconds(30), config(Map.of(), base()).rpcLimits().requestTimeout());
    }

    @Test
    void hostNames() {
        assertNull(HostNames.problem("127.0.0.1"));
        assertNull(HostNames.problem("::1"));
        assertNull(HostNames.problem("seed-1.example.org"));
        assertNull(HostNames.problem("localhost"));
        assertTrue(HostNames.problem("a".repeat(254)).contains("254 characters"));
        assertTrue(HostNames.problem("x." + "b".repeat(64)).contains("not a DNS label"));
        assertTrue(HostNames.problem("-bad.example").contains("not a DNS label"));
        assertTrue(HostNames.problem("bad_host").contains("not a DNS label"));
        assertTrue(HostNames.problem("").contains("empty"));
    }

    private String refusal(Map<String, String> env, String... args) {
        return assertThrows(Nakamotod.ConfigException.class, () -> config(env, args)).getMessage();
    }
}
