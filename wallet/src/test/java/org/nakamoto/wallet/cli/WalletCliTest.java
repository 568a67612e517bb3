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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.keys.WifKey;

/**
 * The CLI against {@link FakeNode}: the scenario (coinbase to A, A pays B, unconfirmed, 1
 * confirmation, final, exact balances) and every refusal leaving the wallet file byte for byte as it was.
 */
class WalletCliTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final Script ELSEWHERE = Address.p2pkh(REGTEST.pubKeyHashVersion(), new byte[20]).scriptPubKey();

    @TempDir
    Path dir;
    FakeNode node;
    CliHarness a;
    CliHarness b;
    Path walletA;

    @BeforeEach
    void setUp() throws Exception {
        node = new FakeNode(REGTEST);
        walletA = dir.resolve("a.json");
        String[] rpc = {"--network", "regtest", "--rpcport", String.valueOf(node.port()), "--rpcuser", FakeNode.USER,
            "--rpcpassword", FakeNode.PASSWORD, "--json"};
        a = new CliHarness("password A", concat(rpc, "--wallet", walletA.toString()));
        b = new CliHarness("password B", concat(rpc, "--wallet", dir.resolve("b.json").toString()));
        a.run("create").ok();
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    static long sat(JsonNode coins) {
        return coins.decimalValue().movePointRight(8).longValueExact();
    }

    static Script script(String address) {
        return Address.parse(address, REGTEST.pubKeyHashVersion()).scriptPubKey();
    }

    @Test
    void coinbaseToAThenAPaysBThroughUnconfirmedOneConfirmationAndFinal() {
        b.run("create").ok();
        String addrA = a.run("address").ok().json().get("address").asText();
        node.mine(101, script(addrA));

        JsonNode balA = a.run("balance").ok().json();
        assertEquals(50_00000000L, sat(balA.get("confirmed")), "one mature coinbase after 101 blocks");
        assertEquals(100 * 50_00000000L, sat(balA.get("immature")));
        assertEquals(101 * 50_00000000L, sat(balA.get("total")));

        String addrB = b.run("address").ok().json().get("address").asText();
        JsonNode sent = a.run("send", addrB, "12.5", "--fee-rate", "3").ok().json();
        String txid = sent.get("txid").asText();
        long fee = sat(sent.get("fee"));
        Transaction tx = node.mempool().get(0);
        assertEquals(txid, tx.txid().toString());
        assertEquals(3L * tx.size(), fee, "fee is the rate times the signed size");

        JsonNode balB = b.run("balance").ok().json();
        assertEquals(12_50000000L, sat(balB.get("unconfirmed")));
        assertEquals(0, sat(balB.get("confirmed")));
        assertEquals("unconfirmed", balB.get("coins").get(0).get("status").asText());

        node.mine(1, ELSEWHERE);
        balB = b.run("balance").ok().json();
        assertEquals(12_50000000L, sat(balB.get("confirmed")));
        assertEquals(12_50000000L, sat(balB.get("confirming").get("1")));
        assertEquals(1, balB.get("coins").get(0).get("confirmations").asInt());
        assertEquals(0, sat(balB.get("final")));

        node.mine(5, ELSEWHERE);
        balB = b.run("balance").ok().json();
        assertEquals(12_50000000L, sat(balB.get("final")));
        assertEquals("final", balB.get("coins").get(0).get("status").asText());
        assertTrue(node.isConfirmed(txid));

        balA = a.run("balance").ok().json();
        assertEquals(101 * 50_00000000L - 12_50000000L - fee, sat(balA.get("total")), "A lost exactly amount + fee");
        assertEquals(0, sat(balA.get("unconfirmed")));

        JsonNode histA = a.run("history").ok().json().get("history");
        assertTrue(histA.toString().contains("\"kind\":\"send\""), histA.toString());
        assertEquals(101 + 1, histA.size(), "101 coinbases received and one send; the change is not a receipt");
        JsonNode histB = b.run("history").ok().json().get("history");
        assertEquals(1, histB.size());
        assertEquals(txid, histB.get(0).get("txid").asText());
        assertEquals(6, histB.get(0).get("confirmations").asInt());

        JsonNode unspentA = a.run("list-unspent").ok().json().get("unspent");
        assertEquals(101, unspentA.size(), "100 coinbases left plus the change");
    }

    @Test
    void textOutputForPeople() {
        String addrA = a.run("address").ok().json().get("address").asText();
        node.mine(101, script(addrA));
        CliHarness text = new CliHarness("password A", "--network", "regtest", "--rpcport", String.valueOf(node.port()),
                "--rpcuser", FakeNode.USER, "--rpcpassword", FakeNode.PASSWORD, "--wallet", walletA.toString());
        String balance = text.run("balance").ok().out();
        assertTrue(balance.contains("confirmed") && balance.contains("50.00000000") && balance.contains("immature"), balance);
        String txid = text.run("send", addrA, "1").ok().out().strip();
        assertTrue(txid.matches("[0-9a-f]{64}"), txid);
    }

    @Test
    void badAddressesAreRefusedAndChangeNothing() throws Exception {
        fundA();
        String good = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("1") ? "2" : "1");
        assertRefused(a.run("send", badChecksum, "1"), "invalid regtest address", "checksum");
        assertRefused(a.run("send", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1"), "invalid regtest address", "another network");
        assertRefused(a.run("send", "not-an-address", "1"), "invalid regtest address");
        assertArrayEquals(before, Files.readAllBytes(walletA));
        assertTrue(node.mempool().isEmpty());
    }

    @Test
    void badAmountsAreRefusedAndChangeNothing() throws Exception {
        fundA();
        String to = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        assertRefused(a.run("send", to, "-1"), "amount must be positive");
        assertRefused(a.run("send", to, "0"), "amount must be positive");
        for (String malformed : List.of("abc", "1.2.3", "1e3", "0.123456789", "", "1,5")) {
            assertRefused(a.run("send", to, malformed), "malformed amount");
        }
        assertRefused(a.run("send", to, "21000001"), "out of range");
        assertRefused(a.run("send", to, "50"), "insufficient funds");
        assertRefused(a.run("send", to, "50.00000001"), "insufficient funds");
        assertRefused(a.run("send", to, "0.00000500"), "dust limit");
        assertArrayEquals(before, Files.readAllBytes(walletA));
        assertTrue(node.mempool().isEmpty());
    }

    @Test
    void wrongPasswordIsRefusedBeforeTheNodeIsAsked() throws Exception {
        fundA();
        String to = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        int callsBefore = node.calls.size();
        a.env.put(PasswordSource.ENV, "not it");
        assertRefused(a.run("send", to, "1"), "wrong wallet password");
        assertRefused(a.run("export-key", to), "wrong wallet password");
        assertEquals(callsBefore, node.calls.size());
        assertArrayEquals(before, Files.readAllBytes(walletA));
    }

    @Test
    void unreachableNodeIsAClearErrorAndChangesNothing() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        String to = a.run("address").ok().json().get("address").asText();
        byte[] before = Files.readAllBytes(walletA);
        CliHarness offline = new CliHarness("password A", "--network", "regtest", "--rpcport", String.valueOf(freePort),
                "--rpcpassword", "x", "--wallet", walletA.toString());
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
        assertEquals("m/44'/1'/0'/0/1", second.get("path").asText());
        String wif = a.run("export-key", first).ok().json().get("wif").asText();
        WifKey key = WifKey.decode(wif, REGTEST.wifVersion());
        assertTrue(key.compressed());
        assertEquals(first, Address.fromPublicKey(REGTEST.pubKeyHashVersion(), key.publicKey()).toString());
        assertRefused(a.run("export-key", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn"), "does not belong to this wallet");
    }

    @Test
    void networkComesFromTheWalletFileAndMismatchesAreRefused() {
        CliHarness plain = new CliHarness("password A", "--wallet", walletA.toString());
        assertTrue(plain.run("address").ok().out().strip().matches("[mn][1-9A-HJ-NP-Za-km-z]{25,34}"));
        assertRefused(new CliHarness("password A", "--network", "testnet", "--wallet", walletA.toString()).run("address"),
                "is for network 'regtest'");
    }

    @Test
    void scanFindsCoinsPastTheHandedOutAddressesAndSkipsThem() {
        // Coins at receive index 7 (e.g. from a restored wallet's earlier life): found and never handed out again.
        CliHarness c = new CliHarness("pw", "--network", "regtest", "--json", "--wallet", dir.resolve("c.json").toString(),
                "--rpcport", String.valueOf(node.port()), "--rpcuser", FakeNode.USER, "--rpcpassword", FakeNode.PASSWORD);
        c.run("create").ok();
        String seventh = null;
        for (int i = 0; i < 8; i++) {
            seventh = c.run("address").ok().json().get("address").asText();
        }
        CliHarness fresh = new CliHarness("pw", "--network", "regtest", "--json", "--wallet", dir.resolve("c.json").toString(),
                "--rpcport", String.valueOf(node.port()), "--rpcuser", FakeNode.USER, "--rpcpassword", FakeNode.PASSWORD);
        node.mine(1, script(seventh));
        JsonNode bal = fresh.run("balance").ok().json();
        assertEquals(50_00000000L, sat(bal.get("immature")));
        assertEquals("0/7", bal.get("coins").get(0).get("path").asText());
    }

    private void fundA() {
        String addr = a.run("address").ok().json().get("address").asText();
        node.mine(101, script(addr)); // one mature coinbase: 50 coins spendable
    }

    private static void assertRefused(CliHarness.Result r, String... fragments) {
        assertEquals(1, r.exitCode(), "exit code; out=" + r.out() + " err=" + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
        }
        assertTrue(r.err().startsWith("error: "), r.err());
    }
}
