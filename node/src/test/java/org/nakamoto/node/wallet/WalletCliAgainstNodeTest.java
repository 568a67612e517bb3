package org.nakamoto.node.wallet;

import java.util.EnumSet;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.NodeProcess;
import org.nakamoto.wallet.cli.CliHarness;

/**
 * The nakamoto-wallet CLI (in-process, through {@link CliHarness}) against one real regtest {@code nakamotod}
 * process shared by the class, found through its cookie with {@code --datadir}; blocks come from
 * {@code generatetoaddress}. The payment scenario (coinbase to A, A pays B, unconfirmed, 1 confirmation,
 * final at 6, exact balances) and every refusal that needs a node, each leaving the wallet file byte for
 * byte as it was. The refusals that need no node are in the wallet module's WalletCliTest.
 *
 * <p>The chain is shared, so no test depends on the order they run in: every test uses wallets of its own
 * (fresh keys see only their own coins), expected coinbase values come from the regtest subsidy schedule
 * at the heights actually mined (regtest halves every 150 blocks), every test starts with an empty mempool
 * (checked) and leaves one (anything a test left unmined goes into a block paying nobody's wallet), so no
 * stray fee lands in another test's coinbase. The refusal tests share one wallet funded once.
 */
class WalletCliAgainstNodeTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final String ELSEWHERE = Address.p2pkh(REGTEST.pubKeyHashVersion(), new byte[20]).toString();

    @TempDir
    static Path shared;
    static NodeProcess node;
    /** A wallet with at least one mature coinbase, for the refusal tests (which must change nothing). */
    static CliHarness funded;
    static Path fundedFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNodeAndFundAWallet() throws Exception {
        node = NodeProcess.start(shared.resolve("node"), "regtest", List.of());
        fundedFile = shared.resolve("funded.json");
        funded = cli("password F", fundedFile, true);
        funded.run("create").ok();
        mine(101, address(funded));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void mempoolStartsEmpty() throws Exception {
        assertEquals(List.of(), mempool(), "a previous test left transactions unmined");
    }

    @AfterEach
    void mineWhatWasLeft() throws Exception {
        if (!mempool().isEmpty()) {
            mine(1, ELSEWHERE);
        }
    }

    /** The CLI on {@code wallet} against the node, with the password in the environment. */
    static CliHarness cli(String password, Path wallet, boolean json) {
        List<String> args = new ArrayList<>(List.of("--network", "regtest", "--datadir", node.dataDir.toString(),
                "--rpcport", String.valueOf(node.rpcPort), "--wallet", wallet.toString()));
        if (json) {
            args.add("--json");
        }
        return new CliHarness(password, args.toArray(new String[0]));
    }

    static String address(CliHarness wallet) {
        return wallet.run("address").ok().json().get("address").asText();
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    /** generatetoaddress; the hashes of the blocks mined. */
    static List<String> mine(int blocks, String address) throws Exception {
        List<String> hashes = new ArrayList<>();
        node.result("generatetoaddress", String.valueOf(blocks), q(address)).forEach(h -> hashes.add(h.asText()));
        assertEquals(blocks, hashes.size());
        return hashes;
    }

    static int height() throws Exception {
        return node.result("getblockcount").asInt();
    }

    static List<String> mempool() throws Exception {
        List<String> txids = new ArrayList<>();
        node.result("getrawmempool").forEach(t -> txids.add(t.asText()));
        return txids;
    }

    /** The coinbase values of blocks {@code from..to} inclusive, by the regtest schedule. */
    static long subsidies(int from, int to) {
        long sum = 0;
        for (int h = from; h <= to; h++) {
            sum += REGTEST.subsidyAt(h);
        }
        return sum;
    }

    static long sat(JsonNode coins) {
        return coins.decimalValue().movePointRight(8).longValueExact();
    }

    static String coins(long sat) {
        return Amount.ofSat(sat).toString();
    }

    @Test
    void coinbaseToAThenAPaysBThroughUnconfirmedOneConfirmationAndFinal() throws Exception {
        CliHarness a = cli("password A", dir.resolve("a.json"), true);
        CliHarness b = cli("password B", dir.resolve("b.json"), true);
        a.run("create").ok();
        b.run("create").ok();
        String addrA = address(a);
        assertTrue(addrA.startsWith("bcrt1q"), "native segwit (BIP84) by default: " + addrA);
        int h0 = height();
        mine(101, addrA);
        long firstCoinbase = REGTEST.subsidyAt(h0 + 1);
        long coinsA = subsidies(h0 + 1, h0 + 101);

        JsonNode balA = a.run("balance").ok().json();
        assertEquals(h0 + 101, balA.get("tip_height").asInt());
        assertEquals(firstCoinbase, sat(balA.get("confirmed")), "one mature coinbase after 101 blocks");
        assertEquals(coinsA - firstCoinbase, sat(balA.get("immature")));
        assertEquals(coinsA, sat(balA.get("total")));

        String addrB = address(b);
        // Half the first coinbase (12.5 while the shared chain is below the second regtest halving): the
        // chain's height depends on which tests ran before.
        long pay = Math.min(12_50000000L, firstCoinbase / 2);
        JsonNode sent = a.run("send", addrB, coins(pay), "--fee-rate", "3").ok().json();
        String txid = sent.get("txid").asText();
        long fee = sat(sent.get("fee"));
        assertEquals(List.of(txid), mempool(), "the node's mempool accepted the payment");
        Transaction tx = Transaction.fromHex(node.result("getrawtransaction", q(txid), "true").get("hex").asText());
        assertEquals(txid, tx.txid().toString());
        assertTrue(tx.hasWitness(), "P2WPKH inputs carry witnesses, and the node kept them");
        assertTrue(tx.vsize() < tx.size());
        assertEquals(3L * tx.vsize(), fee, "fee is the rate times the signed virtual size");
        Script spentScript = Addresses.parse(addrA, REGTEST).scriptPubKey();
        for (int i = 0; i < tx.inputs().size(); i++) {
            String prev = tx.inputs().get(i).prevout().txid().toString();
            long amount = sat(node.result("gettxout", q(prev), String.valueOf(tx.inputs().get(i).prevout().index()), "false")
                    .get("value"));
            assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, spentScript, amount,
                    EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS)), "input " + i + " verifies under BIP143");
            assertTrue(tx.inputs().get(i).scriptSig().bytes().length == 0, "native segwit: empty scriptSig");
        }

        JsonNode balB = b.run("balance").ok().json();
        assertEquals(pay, sat(balB.get("unconfirmed")));
        assertEquals(0, sat(balB.get("confirmed")));
        assertEquals("unconfirmed", balB.get("coins").get(0).get("status").asText());

        String block = mine(1, ELSEWHERE).get(0);
        assertEquals(List.of(), mempool());
        balB = b.run("balance").ok().json();
        assertEquals(pay, sat(balB.get("confirmed")));
        assertEquals(pay, sat(balB.get("confirming").get("1")));
        assertEquals(1, balB.get("coins").get(0).get("confirmations").asInt());
        assertEquals(0, sat(balB.get("unconfirmed")));
        assertEquals(0, sat(balB.get("final")));

        mine(5, ELSEWHERE);
        balB = b.run("balance").ok().json();
        assertEquals(pay, sat(balB.get("final")));
        assertEquals("final", balB.get("coins").get(0).get("status").asText());
        // Without -txindex a confirmed transaction is found only in a block the caller names.
        assertEquals(6, node.result("getrawtransaction", q(txid), "true", q(block)).get("confirmations").asInt(),
                "the payment is in the chain");

        balA = a.run("balance").ok().json();
        assertEquals(coinsA - pay - fee, sat(balA.get("total")), "A lost exactly amount + fee");
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
    void textOutputForPeople() throws Exception {
        Path walletFile = dir.resolve("t.json");
        CliHarness json = cli("password T", walletFile, true);
        json.run("create").ok();
        String addr = address(json);
        int h0 = height();
        mine(101, addr);

        CliHarness text = cli("password T", walletFile, false);
        String balance = text.run("balance").ok().out();
        assertTrue(balance.contains("confirmed") && balance.contains(coins(REGTEST.subsidyAt(h0 + 1)))
                && balance.contains("immature"), balance);
        String txid = text.run("send", addr, "1").ok().out().strip();
        assertTrue(txid.matches("[0-9a-f]{64}"), txid);
        assertEquals(List.of(txid), mempool());
    }

    @Test
    void badAddressesAreRefusedAndChangeNothing() throws Exception {
        String good = address(funded);
        byte[] before = Files.readAllBytes(fundedFile);
        // A mistyped last character (one of both alphabets, and not bech32's separator '1'): a checksum error.
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");
        assertRefused(funded.run("send", badChecksum, "1"), "invalid regtest address", "checksum");
        assertRefused(funded.run("send", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1"), "invalid regtest address",
                "another network");
        assertRefused(funded.run("send", "not-an-address", "1"), "invalid regtest address");
        assertArrayEquals(before, Files.readAllBytes(fundedFile));
        assertEquals(List.of(), mempool());
    }

    @Test
    void badAmountsAreRefusedAndChangeNothing() throws Exception {
        String to = address(funded);
        // Everything spendable: confirmed, mature and (the mempool being empty) not being spent.
        long spendable = sat(funded.run("balance").ok().json().get("confirmed"));
        assertTrue(spendable >= 50 * Amount.COIN, "the funded wallet holds a mature coinbase: " + spendable);
        byte[] before = Files.readAllBytes(fundedFile);
        assertRefused(funded.run("send", to, "-1"), "amount must be positive");
        assertRefused(funded.run("send", to, "0"), "amount must be positive");
        for (String malformed : List.of("abc", "1.2.3", "1e3", "0.123456789", "", "1,5")) {
            assertRefused(funded.run("send", to, malformed), "malformed amount");
        }
        assertRefused(funded.run("send", to, "21000001"), "out of range");
        assertRefused(funded.run("send", to, coins(spendable)), "insufficient funds"); // nothing left for the fee
        assertRefused(funded.run("send", to, coins(spendable + 1)), "insufficient funds");
        assertRefused(funded.run("send", to, "0.00000500"), "dust limit");
        assertArrayEquals(before, Files.readAllBytes(fundedFile));
        assertEquals(List.of(), mempool());
    }

    @Test
    void scanFindsCoinsPastTheHandedOutAddressesAndSkipsThem() throws Exception {
        // Coins at receive index 7 (e.g. from a restored wallet's earlier life): found and never handed out again.
        Path walletFile = dir.resolve("c.json");
        CliHarness c = cli("pw", walletFile, true);
        c.run("create").ok();
        String seventh = null;
        for (int i = 0; i < 8; i++) {
            seventh = address(c);
        }
        CliHarness fresh = cli("pw", walletFile, true);
        int h0 = height();
        mine(1, seventh);
        JsonNode bal = fresh.run("balance").ok().json();
        assertEquals(REGTEST.subsidyAt(h0 + 1), sat(bal.get("immature")));
        assertEquals("0/7", bal.get("coins").get(0).get("path").asText());
    }

    /**
     * A wallet file written before segwit support (version 1, BIP44 only; fixture made by the CLI of commit
     * f7745a7) still opens, receives and spends its pay-to-pubkey-hash coins, to a bech32 address too.
     */
    @Test
    void aPreSegwitWalletFileStillOpensAndSpendsItsP2pkhCoins() throws Exception {
        Path old = dir.resolve("old.json");
        try (var in = CliHarness.class.getResourceAsStream("/fixtures/wallet-v1-regtest.json")) {
            Files.write(old, in.readAllBytes());
        }
        CliHarness w = cli("old wallet pw", old, true);
        JsonNode addr = w.run("address").ok().json();
        assertEquals("m/44'/1'/0'/0/1", addr.get("path").asText(), "index 0 was handed out before");
        String legacy = addr.get("address").asText();
        assertTrue(legacy.startsWith("m") || legacy.startsWith("n"), legacy);
        assertRefused(w.run("address", "--address-type", "bech32"), "predates segwit");
        int h0 = height();
        mine(101, legacy);
        assertEquals(REGTEST.subsidyAt(h0 + 1), sat(w.run("balance").ok().json().get("confirmed")));

        CliHarness b = cli("password B2", dir.resolve("b2.json"), true);
        b.run("create").ok();
        String to = address(b);
        JsonNode sent = w.run("send", to, "2", "--fee-rate", "2").ok().json();
        Transaction tx = Transaction.fromHex(node.result("getrawtransaction", q(sent.get("txid").asText()), "true")
                .get("hex").asText());
        assertTrue(!tx.hasWitness(), "P2PKH inputs are signed the legacy way");
        assertEquals(2L * tx.size(), sat(sent.get("fee")));
        assertTrue(Address.parse(sent.get("change_address").asText(), REGTEST.pubKeyHashVersion()) != null,
                "change stays in the wallet's own (BIP44) account");
        mine(1, ELSEWHERE);
        assertEquals(2_00000000L, sat(b.run("balance").ok().json().get("confirmed")));
    }

    private static void assertRefused(CliHarness.Result r, String... fragments) {
        assertEquals(1, r.exitCode(), "exit code; out=" + r.out() + " err=" + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
        }
        assertTrue(r.err().startsWith("error: "), r.err());
    }
}
