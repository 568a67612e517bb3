package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.mempool.MempoolPolicy;
import picocli.CommandLine;

/** nakamotod's option checks that need no running node: the RPC password from a file, the relay policy options. */
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

    @Test
    void standardnessIsRequiredByDefaultAndAcceptnonstdtxnIsForTestNetworksOnly() {
        String dir = tmp.toString();
        assertTrue(config("--network", "regtest", "--datadir", dir).mempoolPolicy().requireStandard(),
                "Core's default: -acceptnonstdtxn=0");
        assertFalse(config("--network", "regtest", "--datadir", dir, "--acceptnonstdtxn=1").mempoolPolicy()
                .requireStandard());
        assertFalse(config("--network", "testnet", "--datadir", dir, "--acceptnonstdtxn").mempoolPolicy()
                .requireStandard());
        assertTrue(config("--network", "regtest", "--datadir", dir, "--acceptnonstdtxn=0").mempoolPolicy()
                .requireStandard());
        var mainnet = assertThrows(Nakamotod.ConfigException.class,
                () -> config("--network", "mainnet", "--datadir", dir, "--acceptnonstdtxn=1"));
        assertEquals("acceptnonstdtxn is not currently supported for main chain", mainnet.getMessage());
        assertTrue(config("--network", "mainnet", "--datadir", dir, "--acceptnonstdtxn=0").mempoolPolicy()
                .requireStandard(), "=0 is Core's default, so mainnet takes it");
        assertThrows(CommandLine.ParameterException.class,
                () -> config("--network", "regtest", "--datadir", dir, "--acceptnonstdtxn=yes"));
    }

    @Test
    void theDataCarrierMultisigAndDustOptionsReachThePolicy() {
        String dir = tmp.toString();
        MempoolPolicy d = config("--network", "regtest", "--datadir", dir).mempoolPolicy();
        assertEquals(MempoolPolicy.MAX_OP_RETURN_RELAY, d.maxDatacarrierBytes());
        assertTrue(d.permitBareMultisig());
        assertEquals(3000, d.dustRelayFeeSatPerKb());
        MempoolPolicy p = config("--network", "regtest", "--datadir", dir, "--datacarriersize=83",
                "--permitbaremultisig=0", "--dustrelayfee=0.0001").mempoolPolicy();
        assertEquals(83, p.maxDatacarrierBytes());
        assertFalse(p.permitBareMultisig());
        assertEquals(10_000, p.dustRelayFeeSatPerKb());
        assertEquals(0, config("--network", "regtest", "--datadir", dir, "--datacarrier=0").mempoolPolicy()
                .maxDatacarrierBytes(), "-datacarrier=0: no OP_RETURN output is relayed");
        var bad = assertThrows(Nakamotod.ConfigException.class,
                () -> config("--network", "regtest", "--datadir", dir, "--dustrelayfee=0.000000001"));
        assertEquals("Invalid amount for -dustrelayfee=<amount>: '0.000000001'", bad.getMessage());
    }
}
