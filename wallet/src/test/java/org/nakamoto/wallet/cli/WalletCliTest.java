package org.nakamoto.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.wallet.keys.WifKey;

/**
 * The CLI's behaviour that needs no node: wrong password, corrupt file, unreachable node, password sources,
 * create/restore, addresses and export-key, the network recorded in the file; every refusal with a clear
 * error, exit code 1 and the wallet file byte for byte as it was. The payment scenario and the refusals
 * that need coins (bad addresses and amounts from a funded wallet) run against a real nakamotod in node's
 * org.nakamoto.node.wallet.WalletCliAgainstNodeTest: node may depend on wallet, not the reverse.
 */
class WalletCliTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");

    @TempDir
    Path dir;
    CliHarness a;
    Path walletA;

    @BeforeEach
    void setUp() throws Exception {
        walletA = dir.resolve("a.json");
        a = new CliHarness("password A", "--network", "regtest", "--json", "--wallet", walletA.toString());
        a.run("create").ok();
    }

    /** A loopback port nobody listens on. */
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Wallet A pointed at a node that is not there. */
    CliHarness offline(int port) {
        return new CliHarness("password A", "--network", "regtest", "--rpcport", String.valueOf(port),
                "--rpcpassword", "x", "--wallet", walletA.toString());
    }

    @Test
    void wrongPasswordIsRefusedBeforeTheNodeIsAsked() throws Exception {
        String to = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        // Nobody listens on the port: had the CLI asked the node first, the error would be "cannot connect".
        CliHarness wrong = offline(freePort());
        wrong.env.put(PasswordSource.ENV, "not it");
        for (String[] cmd : List.of(new String[] {"send", to, "1"}, new String[] {"export-key", to})) {
            CliHarness.Result r = wrong.run(cmd);
            assertRefused(r, "wrong wallet password");
            assertFalse(r.err().contains("cannot connect"), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(walletA));
    }

    @Test
    void unreachableNodeIsAClearErrorAndChangesNothing() throws Exception {
        int freePort = freePort();
        String to = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        CliHarness offline = offline(freePort);
        for (String[] cmd : List.of(new String[] {"balance"}, new String[] {"list-unspent"}, new String[] {"history"},
                new String[] {"send", to, "1"})) {
            assertRefused(offline.run(cmd), "cannot connect to the node at 127.0.0.1:" + freePort, "connection refused");
        }
        assertArrayEquals(before, Files.readAllBytes(walletA));
    }

    @Test
    void corruptWalletFileIsAClearError() throws Exception {
        byte[] full = Files.readAllBytes(walletA);
        Files.write(walletA, java.util.Arrays.copyOf(full, full.length - 40));
        assertRefused(a.run("balance"), "not well-formed JSON");
        String json = new String(full);
        int at = json.indexOf("\"ciphertext\" : \"") + 20;
        Files.writeString(walletA, json.substring(0, at) + (json.charAt(at) == 'a' ? 'b' : 'a') + json.substring(at + 1));
        String to = "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn";
        assertRefused(a.run("send", to, "1"), "corrupt", "failed authentication");
    }

    @Test
    void passwordNeverFromArgvAndFailsClearlyWithoutAConsole() throws Exception {
        CliHarness none = new CliHarness(null, "--network", "regtest", "--wallet", dir.resolve("c.json").toString());
        assertRefused(none.run("create"), "no console", "NAKAMOTO_WALLET_PASSWORD", "--password-file");
        assertFalse(Files.exists(dir.resolve("c.json")));
        Path pwFile = dir.resolve("pw.txt");
        Files.writeString(pwFile, "from a file\n");
        none.run("create", "--password-file", pwFile.toString()).ok();
        String addr = none.run("address").ok().out().strip();
        none.run("export-key", addr, "--password-file", pwFile.toString()).ok();
        assertEquals(2, none.run("create", "--password", "x").exitCode(), "no such option");
    }

    @Test
    void createRefusesToOverwriteAndRestoreGivesTheSameWallet() throws Exception {
        byte[] before = Files.readAllBytes(walletA);
        assertRefused(a.run("create"), "already exists");
        assertRefused(a.run("restore", "--mnemonic-file", walletA.toString()), "already exists");
        assertArrayEquals(before, Files.readAllBytes(walletA));

        CliHarness c = new CliHarness("pw", "--network", "regtest", "--json", "--wallet", dir.resolve("c.json").toString());
        String mnemonic = c.run("create", "--words", "12").ok().json().get("mnemonic").asText();
        assertEquals(12, mnemonic.split(" ").length);
        Path words = dir.resolve("words.txt");
        Files.writeString(words, mnemonic.replace(" ", "\n"));
        CliHarness d = new CliHarness("other pw", "--network", "regtest", "--json", "--wallet", dir.resolve("d.json").toString());
        JsonNode restored = d.run("restore", "--mnemonic-file", words.toString()).ok().json();
        assertFalse(restored.toString().contains(mnemonic.split(" ")[0] + " "), "restore does not echo the words");
        assertEquals(c.run("address").ok().json().get("address"), d.run("address").ok().json().get("address"));

        Files.writeString(words, mnemonic.replaceFirst("^\\S+", "zzzz"));
        assertRefused(new CliHarness("pw", "--network", "regtest", "--wallet", dir.resolve("e.json").toString())
                .run("restore", "--mnemonic-file", words.toString()), "invalid mnemonic");
        assertFalse(Files.exists(dir.resolve("e.json")));
    }

    @Test
    void addressesAreFreshAndExportKeyMatchesThem() throws Exception {
        String first = a.run("address").ok().json().get("address").asText();
        JsonNode second = a.run("address").ok().json();
        assertFalse(first.equals(second.get("address").asText()));
        assertEquals("m/84'/1'/0'/0/1", second.get("path").asText(), "BIP84 by default");
        assertTrue(first.startsWith("bcrt1q"), first);
        String wif = a.run("export-key", first).ok().json().get("wif").asText();
        WifKey key = WifKey.decode(wif, REGTEST.wifVersion());
        assertTrue(key.compressed());
        assertEquals(first, SegwitAddress.p2wpkh("bcrt", Hashes.hash160(key.publicKey())).toString());
        // --address-type: the other kinds, each at the next shared index, each found by export-key.
        JsonNode legacy = a.run("address", "--address-type", "legacy").ok().json();
        assertEquals("m/44'/1'/0'/0/2", legacy.get("path").asText());
        String wifLegacy = a.run("export-key", legacy.get("address").asText()).ok().json().get("wif").asText();
        assertEquals(legacy.get("address").asText(),
                Address.fromPublicKey(REGTEST.pubKeyHashVersion(), WifKey.decode(wifLegacy, REGTEST.wifVersion()).publicKey()).toString());
        JsonNode nested = a.run("address", "--address-type", "p2sh-segwit").ok().json();
        assertEquals("m/49'/1'/0'/0/3", nested.get("path").asText());
        assertTrue(nested.get("address").asText().startsWith("2"), nested.toString());
        // bech32m: BIP86 taproot, the output key is the key-path-only tweak of the key export-key gives.
        JsonNode taproot = a.run("address", "--address-type", "bech32m").ok().json();
        assertEquals("m/86'/1'/0'/0/4", taproot.get("path").asText());
        String tapAddress = taproot.get("address").asText();
        assertTrue(tapAddress.startsWith("bcrt1p"), tapAddress);
        WifKey tapKey = WifKey.decode(a.run("export-key", tapAddress).ok().json().get("wif").asText(), REGTEST.wifVersion());
        byte[] outputKey = Taproot.outputKey(java.util.Arrays.copyOfRange(tapKey.publicKey(), 1, 33), null).xOnly();
        assertEquals(tapAddress, SegwitAddress.of("bcrt", 1, outputKey).toString());
        assertRefused(a.run("address", "--address-type", "taproot"), "legacy, p2sh-segwit, bech32 or bech32m");
        assertRefused(a.run("export-key", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn"), "does not belong to this wallet");
    }

    @Test
    void networkComesFromTheWalletFileAndMismatchesAreRefused() {
        CliHarness plain = new CliHarness("password A", "--wallet", walletA.toString());
        assertTrue(plain.run("address").ok().out().strip().matches("bcrt1q[02-9ac-hj-np-z]{38}"));
        assertRefused(new CliHarness("password A", "--network", "testnet", "--wallet", walletA.toString()).run("address"),
                "is for network 'regtest'");
    }

    /**
     * A wallet file written before taproot support (version 2: BIP44, BIP49 and BIP84 accounts; fixture made by
     * the CLI of commit cb01c56) still opens and hands out its segwit addresses, and says why it has no
     * bech32m one; a new file has all four accounts and is version 3.
     */
    @Test
    void aPreTaprootWalletFileStillOpensWithItsSegwitAccounts() throws Exception {
        Path old = dir.resolve("v2.json");
        try (var in = CliHarness.class.getResourceAsStream("/fixtures/wallet-v2-regtest.json")) {
            Files.write(old, in.readAllBytes());
        }
        CliHarness w = new CliHarness("segwit wallet pw", "--json", "--wallet", old.toString());
        JsonNode next = w.run("address").ok().json();
        assertEquals("m/84'/1'/0'/0/1", next.get("path").asText(), "index 0 was handed out before");
        assertTrue(next.get("address").asText().startsWith("bcrt1q"), next.toString());
        assertEquals("m/49'/1'/0'/0/2", w.run("address", "--address-type", "p2sh-segwit").ok().json().get("path").asText());
        byte[] before = Files.readAllBytes(old);
        assertRefused(w.run("address", "--address-type", "bech32m"), "predates taproot", "restore its mnemonic");
        assertArrayEquals(before, Files.readAllBytes(old));
        String wif = w.run("export-key", next.get("address").asText()).ok().json().get("wif").asText();
        assertEquals(next.get("address").asText(),
                SegwitAddress.p2wpkh("bcrt", Hashes.hash160(WifKey.decode(wif, REGTEST.wifVersion()).publicKey())).toString(),
                "the password still opens the seed, which still gives the stored account keys");
        assertTrue(Files.readString(old).contains("\"version\" : 2"), "an old file keeps its version");

        String created = Files.readString(walletA);
        assertTrue(created.contains("\"version\" : 3") && created.contains("\"bech32m\" : \"tpub"), created);
    }

    /** Issue 17: at index 2^31-1 the wallet handed out the same address again and again. */
    @Test
    void addressesStopAtBip32sNonHardenedLimit() throws Exception {
        String json = java.nio.file.Files.readString(walletA);
        java.nio.file.Files.writeString(walletA, json.replaceFirst("\"nextReceiveIndex\"\\s*:\\s*\\d+",
                "\"nextReceiveIndex\" : 2147483646"));
        assertEquals("m/84'/1'/0'/0/2147483646", a.run("address").ok().json().get("path").asText(),
                "the last one, in the default (BIP84) account");
        for (int i = 0; i < 2; i++) {
            assertRefused(a.run("address"), "no fresh receive address left", "2^31-1", "2147483647",
                    "create a new wallet");
        }
        assertTrue(java.nio.file.Files.readString(walletA).contains("\"nextReceiveIndex\" : 2147483647"));
    }

    private static void assertRefused(CliHarness.Result r, String... fragments) {
        assertEquals(1, r.exitCode(), "exit code; out=" + r.out() + " err=" + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
        }
        assertTrue(r.err().startsWith("error: "), r.err());
    }
}
