package org.nakamoto.node.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.cli.NakamotoWallet;
import org.nakamoto.wallet.cli.Terminal;
import org.nakamoto.wallet.rpc.NodeRpcClient;
import org.nakamoto.wallet.rpc.RpcCredentials;

/**
 * nakamoto-wallet against a real nakamotod process (issue 7's end-to-end criterion). It lives in the node
 * module because node may depend on wallet but not the other way round: here both are on the test class
 * path, the node runs as its own JVM ({@code java -cp <test class path> org.nakamoto.node.Nakamotod}) on
 * free loopback ports with a cookie in a temporary data directory, and the wallet CLI runs in-process
 * through the same entry point as bin/nakamoto-wallet, finding the node's cookie through --datadir.
 *
 * <p>Scenario: mine 101 blocks to wallet A; A's balance shows the mature coinbase; A pays B; B sees it
 * unconfirmed before the next block, confirmed with 1 confirmation after it, final after 6; A's balance is
 * its coins minus amount and fee exactly; the node's mempool and chain accepted the transaction, whose
 * signatures verify under the legacy sighash.
 */
class WalletEndToEndTest {
    static final String NODE_MAIN = "org.nakamoto.node.Nakamotod";
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final long COIN = 100_000_000L;

    @TempDir
    Path dir;
    Process node;
    Path nodeLog;
    Path dataDir;
    int rpcPort;
    NodeRpcClient rpc;

    @BeforeEach
    void startNode() throws Exception {
        try {
            Class.forName(NODE_MAIN);
        } catch (ClassNotFoundException e) {
            Assumptions.abort(NODE_MAIN + " is not on the class path yet");
        }
        dataDir = dir.resolve("node");
        Files.createDirectories(dataDir);
        rpcPort = freePort();
        nodeLog = dir.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", cp, NODE_MAIN, "--network", "regtest",
                "--datadir", dataDir.toString(), "--rpcport", String.valueOf(rpcPort), "--port", String.valueOf(freePort())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(nodeLog.toFile());
        pb.environment().put("CLASSPATH", "");
        node = pb.start();
        awaitRpc();
    }

    @AfterEach
    void stopNode() throws Exception {
        if (node != null && node.isAlive()) {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private void awaitRpc() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("nakamotod exited with " + node.exitValue() + ":\n" + Files.readString(nodeLog));
            }
            try {
                // The cookie changes with every start, so credentials are read afresh until the node answers.
                NodeRpcClient c = new NodeRpcClient("127.0.0.1", rpcPort, RpcCredentials.resolve(null, null, dataDir),
                        Duration.ofSeconds(30));
                c.call("getblockcount");
                rpc = c;
                return;
            } catch (WalletException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nakamotod did not answer RPC: " + last + "\n" + Files.readString(nodeLog));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One nakamoto-wallet invocation with --json; fails the test on a non-zero exit. */
    JsonNode wallet(String walletName, String password, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal noConsole = new Terminal() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public char[] readSecret(String prompt) {
                throw new AssertionError("no console in tests");
            }
        };
        var cl = NakamotoWallet.commandLine(Map.of("NAKAMOTO_WALLET_PASSWORD", password), noConsole);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--network", "regtest", "--datadir", dataDir.toString(),
                "--rpcport", String.valueOf(rpcPort), "--wallet", dir.resolve(walletName).toString(), "--json"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(new String[0]));
        if (code != 0) {
            throw new AssertionError("nakamoto-wallet " + List.of(args) + " exited " + code + ": " + err + "\nnode log:\n"
                    + Files.readString(nodeLog));
        }
        return JSON.readTree(out.toString());
    }

    static long sat(JsonNode coins) {
        return coins.decimalValue().movePointRight(8).longValueExact();
    }

    @Test
    void mineToAPayBWatchConfirmationsAndCheckExactBalances() throws Exception {
        wallet("a.json", "password A", "create");
        wallet("b.json", "password B", "create");
        String addrA = wallet("a.json", "password A", "address").get("address").asText();
        String addrB = wallet("b.json", "password B", "address").get("address").asText();
        String elsewhere = Address.p2pkh(REGTEST.pubKeyHashVersion(), new byte[20]).toString();

        rpc.call("generatetoaddress", 101, addrA);
        JsonNode balA = wallet("a.json", "password A", "balance");
        assertEquals(101, balA.get("tip_height").asInt());
        assertEquals(50 * COIN, sat(balA.get("confirmed")), "the first coinbase is mature after 101 blocks");
        assertEquals(100 * 50 * COIN, sat(balA.get("immature")));
        long coinsA = sat(balA.get("total"));
        assertEquals(101 * 50 * COIN, coinsA);

        JsonNode sent = wallet("a.json", "password A", "send", addrB, "12.5", "--fee-rate", "2");
        String txid = sent.get("txid").asText();
        long fee = sat(sent.get("fee"));
        List<String> mempool = new ArrayList<>();
        rpc.call("getrawmempool").forEach(t -> mempool.add(t.asText()));
        assertEquals(List.of(txid), mempool, "the node's mempool accepted the payment");
        JsonNode raw = rpc.call("getrawtransaction", txid, true);
        Transaction tx = Transaction.fromHex(raw.get("hex").asText());
        assertEquals(2L * tx.size(), fee, "fee = fee rate x signed size");
        for (int i = 0; i < tx.inputs().size(); i++) {
            assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i,
                    Address.parse(addrA, REGTEST.pubKeyHashVersion()).scriptPubKey(), EnumSet.noneOf(ScriptFlag.class)),
                    "input " + i + " verifies under the legacy sighash");
        }

        JsonNode balB = wallet("b.json", "password B", "balance");
        assertEquals(1250_000_000L, sat(balB.get("unconfirmed")), "B sees it before the next block");
        assertEquals(0, sat(balB.get("confirmed")));

        rpc.call("generatetoaddress", 1, elsewhere);
        // Without -txindex a Core node finds a confirmed transaction only in a block it is told about.
        String tip = rpc.call("getbestblockhash").asText();
        assertEquals(1, rpc.call("getrawtransaction", txid, true, tip).get("confirmations").asInt(), "in the chain");
        balB = wallet("b.json", "password B", "balance");
        assertEquals(1250_000_000L, sat(balB.get("confirmed")));
        assertEquals(1250_000_000L, sat(balB.get("confirming").get("1")), "confirmed with 1 confirmation");
        assertEquals(0, sat(balB.get("unconfirmed")));
        assertEquals(0, sat(balB.get("final")));

        rpc.call("generatetoaddress", 5, elsewhere);
        balB = wallet("b.json", "password B", "balance");
        assertEquals(1250_000_000L, sat(balB.get("final")), "final at 6 confirmations");
        assertEquals(6, balB.get("coins").get(0).get("confirmations").asInt());

        balA = wallet("a.json", "password A", "balance");
        assertEquals(coinsA - 1250_000_000L - fee, sat(balA.get("total")), "A = its coins - amount - fee, exactly");
        assertEquals(0, sat(balA.get("unconfirmed")));
        JsonNode history = wallet("a.json", "password A", "history").get("history");
        assertTrue(history.toString().contains(txid), history.toString());
    }
}
