package org.nakamoto.node.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.node.NodeProcess;
import org.nakamoto.wallet.cli.CliHarness;

/**
 * Issue 16's "done when": two nakamoto wallets on Bitcoin regtest pay each other through taproot (BIP86,
 * bech32m) addresses. Two real {@code nakamotod} processes on 127.0.0.1, the second connected to the first;
 * wallet A talks to the first and wallet B to the second, each through the wallet CLI (in-process,
 * {@link CliHarness}) and the node's JSON-RPC only, so each payment also crosses the peer-to-peer network.
 * A's coins come from a coinbase paid to its own taproot address, so both payments are key-path spends:
 * A pays B's bcrt1p address, confirmed; B pays part of it back to a fresh bcrt1p address of A's,
 * confirmed; both balances are exact to the satoshi and both transactions are checked through RPC
 * ({@code witness_v1_taproot} outputs, one 64-byte witness item per input) and by our own interpreter.
 */
class TaprootWalletsTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final String ELSEWHERE = Address.p2pkh(REGTEST.pubKeyHashVersion(), new byte[20]).toString();
    static final EnumSet<ScriptFlag> FLAGS = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT);

    @TempDir
    Path dir;

    @Test
    void twoWalletsPayEachOtherThroughTaprootAddresses() throws Exception {
        try (NodeProcess n1 = NodeProcess.start(dir.resolve("n1"), "regtest", List.of());
                NodeProcess n2 = NodeProcess.start(dir.resolve("n2"), "regtest",
                        List.of("--connect", "127.0.0.1:" + n1.p2pPort()))) {
            CliHarness a = cli(n1, "password A", dir.resolve("a.json"));
            CliHarness b = cli(n2, "password B", dir.resolve("b.json"));
            a.run("create").ok();
            b.run("create").ok();

            JsonNode first = a.run("address", "--address-type", "bech32m").ok().json();
            String tapA = first.get("address").asText();
            assertTrue(tapA.startsWith("bcrt1p") && tapA.length() == 64, tapA);
            assertEquals("m/86'/1'/0'/0/0", first.get("path").asText(), "BIP86, coin type 1 on regtest");
            // One coinbase to A's taproot address, matured by 100 blocks paying nobody's wallet.
            mine(n1, 1, tapA);
            mine(n1, 100, ELSEWHERE);
            awaitSameTip(n1, n2);
            long coinbase = REGTEST.subsidyAt(1);
            JsonNode balA = a.run("balance").ok().json();
            assertEquals(coinbase, sat(balA.get("confirmed")), "the coinbase matured after 101 blocks");
            JsonNode coin = balA.get("coins").get(0);
            assertEquals(tapA, coin.get("address").asText());
            assertTrue(coin.get("desc").asText().matches("tr\\(\\[[0-9a-f]{8}/86h/1h/0h/0/0\\][0-9a-f]{64}\\)#[a-z0-9]{8}"),
                    coin.toString());
            assertEquals(Hex.encode(script(tapA).bytes()), coin.get("scriptPubKey").asText());

            // A pays B's taproot address; without --address-type the change looks like the payment (as Core's).
            String tapB = b.run("address", "--address-type", "bech32m").ok().json().get("address").asText();
            long pay = 10 * Amount.COIN;
            JsonNode sentA = a.run("send", tapB, coins(pay), "--fee-rate", "3").ok().json();
            String txA = sentA.get("txid").asText();
            long feeA = sat(sentA.get("fee"));
            assertTrue(sentA.get("change_address").asText().startsWith("bcrt1p"), sentA.toString());
            assertEquals(List.of(txA), mempool(n1), "node 1 accepted the key-path spend");
            await(() -> mempool(n2).contains(txA), "node 2 received it over the network");
            Transaction tA = checkTaprootSpend(n1, txA, null, List.of(new TxOut(coinbase, script(tapA))));
            assertEquals(154, tA.vsize(), "1 P2TR input (57.5 vB) and 2 P2TR outputs (43 B each)");
            assertEquals(3L * tA.vsize(), feeA, "the fee is the rate times the signed virtual size");
            assertEquals(pay, sat(b.run("balance").ok().json().get("unconfirmed")));

            String block1 = mine(n1, 1, ELSEWHERE).get(0);
            awaitSameTip(n1, n2);
            checkTaprootSpend(n2, txA, block1, List.of(new TxOut(coinbase, script(tapA))));
            JsonNode balB = b.run("balance").ok().json();
            assertEquals(pay, sat(balB.get("confirmed")));
            assertEquals(pay, sat(balB.get("total")));
            JsonNode coinB = b.run("list-unspent").ok().json().get("unspent").get(0);
            assertEquals(tapB, coinB.get("address").asText());
            assertEquals(txA, coinB.get("txid").asText());
            assertTrue(coinB.get("desc").asText().startsWith("tr("), coinB.toString());
            assertEquals(coinbase - pay - feeA, sat(a.run("balance").ok().json().get("total")));

            // B pays part of it back to a fresh taproot address of A's, through node 2.
            String tapA2 = a.run("address", "--address-type", "bech32m").ok().json().get("address").asText();
            assertFalse(tapA2.equals(tapA));
            long back = 4 * Amount.COIN;
            JsonNode sentB = b.run("send", tapA2, coins(back), "--fee-rate", "2", "--address-type", "bech32m").ok().json();
            String txB = sentB.get("txid").asText();
            long feeB = sat(sentB.get("fee"));
            assertEquals(List.of(txB), mempool(n2));
            await(() -> mempool(n1).contains(txB), "node 1 received B's payment over the network");
            Transaction tB = checkTaprootSpend(n2, txB, null, List.of(new TxOut(pay, script(tapB))));
            assertEquals(2L * tB.vsize(), feeB);
            assertEquals(tA.txid(), tB.inputs().get(0).prevout().txid(), "B spends the coin A paid it");

            String block2 = mine(n2, 1, ELSEWHERE).get(0);
            awaitSameTip(n1, n2);
            checkTaprootSpend(n1, txB, block2, List.of(new TxOut(pay, script(tapB))));
            assertEquals(List.of(), mempool(n1));

            balB = b.run("balance").ok().json();
            assertEquals(pay - back - feeB, sat(balB.get("confirmed")), "B keeps its change");
            assertEquals(pay - back - feeB, sat(balB.get("total")));
            balA = a.run("balance").ok().json();
            assertEquals(coinbase - pay - feeA + back, sat(balA.get("confirmed")));
            assertEquals(coinbase - pay - feeA + back, sat(balA.get("total")));
            List<String> addressesA = new ArrayList<>();
            a.run("list-unspent").ok().json().get("unspent").forEach(u -> addressesA.add(u.get("address").asText()));
            assertTrue(addressesA.contains(tapA2) && addressesA.size() == 2, addressesA.toString());
            addressesA.forEach(x -> assertTrue(x.startsWith("bcrt1p"), x));
        }
    }

    /**
     * The node's verbose getrawtransaction of a wallet payment that spends only taproot coins: every input
     * a key-path witness of one 64-byte (SIGHASH_DEFAULT) signature and an empty scriptSig, every output
     * {@code witness_v1_taproot} with a bcrt1p address; and each input verifies in our interpreter against
     * the outputs it spends, and no longer does when an amount is wrong (BIP341 signs every spent amount).
     */
    private static Transaction checkTaprootSpend(NodeProcess n, String txid, String block, List<TxOut> spent)
            throws Exception {
        JsonNode v = block == null ? n.result("getrawtransaction", q(txid), "true")
                : n.result("getrawtransaction", q(txid), "true", q(block));
        assertEquals(txid, v.get("txid").asText());
        for (JsonNode in : v.get("vin")) {
            JsonNode w = in.get("txinwitness");
            assertEquals(1, w.size(), in.toString());
            assertEquals(128, w.get(0).asText().length(), "one 64-byte signature: " + in);
            assertEquals("", in.get("scriptSig").get("hex").asText());
        }
        for (JsonNode out : v.get("vout")) {
            JsonNode spk = out.get("scriptPubKey");
            assertEquals("witness_v1_taproot", spk.get("type").asText(), out.toString());
            assertTrue(spk.get("address").asText().startsWith("bcrt1p"), out.toString());
            assertTrue(spk.get("hex").asText().matches("5120[0-9a-f]{64}"), out.toString());
        }
        Transaction tx = Transaction.fromHex(v.get("hex").asText());
        assertEquals(spent.size(), tx.inputs().size());
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        for (int i = 0; i < spent.size(); i++) {
            TxOut o = spent.get(i);
            assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, o.scriptPubKey(), o.value(), FLAGS, data));
            List<TxOut> wrong = new ArrayList<>(spent);
            wrong.set(i, new TxOut(o.value() + 1, o.scriptPubKey()));
            assertFalse(ScriptVerifier.verifyInput(tx, i, o.scriptPubKey(), o.value() + 1, FLAGS,
                    new PrecomputedTxData(tx, wrong)).isOk(), "a wrong spent amount breaks the signature");
        }
        return tx;
    }

    static CliHarness cli(NodeProcess n, String password, Path wallet) {
        return new CliHarness(password, "--network", "regtest", "--datadir", n.dataDir.toString(),
                "--rpcport", String.valueOf(n.rpcPort), "--wallet", wallet.toString(), "--json");
    }

    static Script script(String address) {
        return Addresses.parse(address, REGTEST).scriptPubKey();
    }

    static List<String> mine(NodeProcess n, int blocks, String address) throws Exception {
        List<String> hashes = new ArrayList<>();
        n.result("generatetoaddress", String.valueOf(blocks), q(address)).forEach(h -> hashes.add(h.asText()));
        assertEquals(blocks, hashes.size());
        return hashes;
    }

    static List<String> mempool(NodeProcess n) {
        try {
            List<String> txids = new ArrayList<>();
            n.result("getrawmempool").forEach(t -> txids.add(t.asText()));
            return txids;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void awaitSameTip(NodeProcess n1, NodeProcess n2) throws Exception {
        await(() -> {
            try {
                return n1.result("getbestblockhash").equals(n2.result("getbestblockhash"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "both nodes on one tip");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }

    static long sat(JsonNode coins) {
        return coins.decimalValue().movePointRight(8).longValueExact();
    }

    static String coins(long sat) {
        return Amount.ofSat(sat).toString();
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }
}
