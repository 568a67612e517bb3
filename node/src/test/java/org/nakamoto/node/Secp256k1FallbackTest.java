package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on a machine where libsecp256k1 cannot load starts on the Java engine, says so in its log and
 * in getnetworkinfo, and still validates Bitcoin's blocks 0..438. The failure is the real one: the
 * binding's own loader is pointed at a library file that does not exist (its {@code fr.acinq.secp256k1.lib.*}
 * properties), so its static initialiser fails as it would without the native code.
 */
class Secp256k1FallbackTest {
    @TempDir
    Path tmp;

    @Test
    void missingNativeLibraryFallsBackToJavaAndStillValidatesMainnet() throws Exception {
        List<String> noLibrary = List.of("-Dfr.acinq.secp256k1.lib.path=" + tmp.resolve("no-such-dir"),
                "-Dfr.acinq.secp256k1.lib.name=secp256k1-missing");
        Path dat = tmp.resolve("mainnet-blocks-0-438.dat");
        try (InputStream in = getClass().getResourceAsStream("/bitcoin/mainnet-blocks-0-438.dat")) {
            Files.copy(in, dat);
        }
        Path dir = tmp.resolve("mainnet");
        Path log = tmp.resolve("import.log");
        int code = NodeProcess.run(noLibrary, List.of("--network", "mainnet", "--datadir", dir.toString(), "import", dat.toString()),
                log, 180);
        String out = Files.readString(log);
        assertEquals(0, code, out);
        assertTrue(out.contains("secp256k1: java - Bouncy Castle"), out);
        assertTrue(out.contains("native library unavailable"), out);
        assertTrue(out.contains("accepted=438") && out.contains("tip=438"), out);

        try (NodeProcess n = NodeProcess.start(noLibrary, dir, "mainnet", List.of())) {
            assertEquals(438, n.result("getblockcount").intValue());
            assertEquals("java", n.result("getnetworkinfo").get("secp256k1").textValue());
            String nodeLog = n.output();
            assertTrue(nodeLog.contains("WARN") && nodeLog.contains("native library unavailable"), nodeLog);
            assertTrue(nodeLog.contains("secp256k1=java"), nodeLog);
        }
        if (isLinuxX8664()) {
            try (NodeProcess n = NodeProcess.start(dir, "mainnet", List.of())) {
                assertEquals("native", n.result("getnetworkinfo").get("secp256k1").textValue());
                assertTrue(n.output().contains("secp256k1: native - libsecp256k1"), n.output());
            }
        }
    }

    @Test
    void theOptionSelectsAnEngineAndRejectsNonsense() throws Exception {
        Path log = tmp.resolve("java.log");
        Path dat = tmp.resolve("empty.dat");
        Files.write(dat, new byte[0]);
        int code = NodeProcess.run(List.of("--network", "regtest", "--datadir", tmp.resolve("r").toString(),
                "--secp256k1", "java", "import", dat.toString()), log, 120);
        String out = Files.readString(log);
        assertEquals(0, code, out);
        assertTrue(out.contains("secp256k1: java - Bouncy Castle") && out.contains("[nakamoto.secp256k1=java]"), out);
        code = NodeProcess.run(List.of("--network", "regtest", "--datadir", tmp.resolve("r").toString(),
                "--secp256k1", "openssl", "import", dat.toString()), log, 120);
        out = Files.readString(log);
        assertEquals(1, code, out);
        assertTrue(out.contains("--secp256k1") && out.contains("auto, native or java"), out);
    }

    private static boolean isLinuxX8664() {
        return System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    }
}
