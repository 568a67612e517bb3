package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** nakamotod's option checks that need no running node: the RPC password from a file. */
class NakamotodOptionsTest {
    @TempDir
    Path tmp;

    private NodeConfig config(String... args) {
        Nakamotod d = new Nakamotod();
        new CommandLine(d).parseArgs(args);
        return d.config();
    }

    @Test
    void thePasswordFileGivesItsFirstLine() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "s3cret\r\nnot this\n");
        NodeConfig c = config("--network", "regtest", "--datadir", tmp.toString(), "--rpcuser", "alice",
                "--rpcpassword-file", pw.toString());
        assertEquals("alice", c.rpcUser());
        assertEquals("s3cret", c.rpcPassword());
    }

    @Test
    void thePasswordFileIsCheckedLikeThePassword() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "s3cret");
        String dir = tmp.toString();
        var both = assertThrows(Nakamotod.ConfigException.class, () -> config("--datadir", dir, "--rpcuser", "a",
                "--rpcpassword", "x", "--rpcpassword-file", pw.toString()));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        var noUser = assertThrows(Nakamotod.ConfigException.class,
                () -> config("--datadir", dir, "--rpcpassword-file", pw.toString()));
        assertTrue(noUser.getMessage().contains("go together"), noUser.getMessage());
        var missing = assertThrows(Nakamotod.ConfigException.class, () -> config("--datadir", dir, "--rpcuser", "a",
                "--rpcpassword-file", tmp.resolve("absent").toString()));
        assertTrue(missing.getMessage().startsWith("--rpcpassword-file " + tmp.resolve("absent")), missing.getMessage());
        Files.writeString(pw, "\n");
        var empty = assertThrows(Nakamotod.ConfigException.class,
                () -> config("--datadir", dir, "--rpcuser", "a", "--rpcpassword-file", pw.toString()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }
}
