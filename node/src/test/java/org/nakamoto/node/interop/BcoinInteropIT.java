package org.nakamoto.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.node.NodeProcess;
import org.nakamoto.wallet.cli.CliHarness;

/**
 * nakamoto against bcoin, an independent JavaScript full node with segwit, on Bitcoin regtest, everything on
 * 127.0.0.1 (bcoin: {@code --only} nakamoto, its seeds loopback; nakamoto: {@code --connect} bcoin). Run by
 * {@code scripts/interop-bcoin.sh}, which installs bcoin from the npm registry into a git-ignored directory
 * and passes it as {@code -Dbcoin.dir} (or {@code BCOIN_DIR}); skipped, saying why, when Node.js or bcoin is
 * missing. Not in the default suite (the name ends in IT): it takes minutes.
 *
 * <p>The scenario: both nodes dial each other; bcoin mines past its segwit activation (bcoin 1.0.2's regtest
 * still activates segwit by BIP9 signalling, at height 432) and nakamoto follows with getblocks-era sync
 * served both ways; nakamoto mines, and its wallet pays a P2WPKH output to bcoin's wallet; the witness
 * transaction reaches bcoin's mempool and a bcoin block confirms it on both; bcoin pays nakamoto's wallet's
 * bech32 address (the same script; bcoin 1.0.2 writes regtest bech32 with "rb", Core and nakamoto with
 * "bcrt") from a P2WPKH coinbase, signed by bcoin's library and sent through bcoin's node, and nakamoto
 * mines it, both confirm; then each node is restarted in turn and they agree again.
 */
class BcoinInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "interop";
    private static final int SEGWIT_ACTIVE_ON_BCOIN = 432;

    @TempDir
    Path dir;

    private Process bcoin;
    private int bcoinP2p;
    private int bcoinHttp;
    private int bcoinWalletHttp;
    private Path bcoinDir;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void segwitBothWaysAcrossRestarts() throws Exception {
        Path bcoinHome = bcoinHome();
        Assumptions.assumeTrue(nodeVersion() != null, "Node.js is not installed: 'node --version' failed; skipping the bcoin interop test");
        Assumptions.assumeTrue(bcoinHome != null && Files.exists(bcoinHome.resolve("node_modules/bcoin/bin/node")),
                "bcoin is not installed: run scripts/interop-bcoin.sh (npm install bcoin into a git-ignored directory) or pass"
                        + " -Dbcoin.dir=DIR / BCOIN_DIR=DIR with DIR/node_modules/bcoin; skipping the bcoin interop test");
        bcoinP2p = freePort();
        bcoinHttp = freePort();
        bcoinWalletHttp = freePort();
        bcoinDir = dir.resolve("bcoin");
        Files.createDirectories(bcoinDir.resolve("wallet")); // bcoin's LevelDB makes the leaf directory only
        List<String> nakaOpts = List.of("--connect", "127.0.0.1:" + bcoinP2p);
        NodeProcess naka = NodeProcess.start(dir.resolve("naka"), "regtest", nakaOpts);
        try {
            startBcoin(bcoinHome, naka);
            awaitTrue(Duration.ofSeconds(60), () -> peers(naka) >= 1, "nakamoto and bcoin connected");

            // bcoin mines past its segwit activation; nakamoto follows.
            // A P2WPKH key made and later spent with bcoin's own library (KeyRing, MTX): bcoin 1.0.2's wallet
            // on current Node.js keeps balances but lists no coins, so it cannot send.
            JsonNode key = JSON.readTree(bcoinJs(bcoinHome, "key"));
            String bcoinAddr = key.get("address").asText();
            assertEquals(20, SegwitAddress.parse(bcoinAddr, "rb").program().length, "bcoin made a P2WPKH address");
            for (int mined = 0; mined < SEGWIT_ACTIVE_ON_BCOIN + 20; mined += 50) {
                bcoinRpc("generatetoaddress", 50, bcoinAddr);
            }
            awaitSameTip(naka, Duration.ofSeconds(240));
            assertTrue(naka.result("getblockcount").asInt() >= SEGWIT_ACTIVE_ON_BCOIN + 20);

            // nakamoto mines to its wallet (P2WPKH), and pays bcoin's wallet with a witness transaction.
            CliHarness wallet = walletCli(naka, dir.resolve("w.json"));
            wallet.run("create").ok();
            String nakaAddr = wallet.run("address").ok().json().get("address").asText();
            assertTrue(nakaAddr.startsWith("bcrt1q"), nakaAddr);
            naka.result("generatetoaddress", "101", q(nakaAddr));
            awaitSameTip(naka, Duration.ofSeconds(120));
            String toBcoin = rehrp(bcoinAddr, "bcrt");
            JsonNode sent = wallet.run("send", toBcoin, "3", "--fee-rate", "2").ok().json();
            String txid = sent.get("txid").asText();
            Transaction tx = Transaction.fromHex(naka.result("getrawtransaction", q(txid), "true").get("hex").asText());
            assertTrue(tx.hasWitness(), "nakamoto's wallet spends P2WPKH with a witness");
            awaitTrue(Duration.ofSeconds(60), () -> bcoinMempool().contains(txid), "bcoin took nakamoto's witness transaction");
            bcoinRpc("generatetoaddress", 1, bcoinAddr);
            awaitSameTip(naka, Duration.ofSeconds(60));
            assertTrue(naka.result("getrawmempool").isEmpty(), "the bcoin block confirmed it for nakamoto too");
            assertTrue(bcoinRpc("getrawtransaction", txid, 1).path("confirmations").asInt() >= 1
                    || bcoinRpc("getrawtransaction", txid, 1).has("blockhash"), "confirmed on bcoin");

            // bcoin pays nakamoto's wallet from its first coinbase (a P2WPKH spend signed by bcoin's library,
            // sent through bcoin's node); nakamoto gets it by relay, mines it, both confirm.
            String nakaAddr2 = wallet.run("address").ok().json().get("address").asText();
            String cbTxid = bcoinRpc("getblock", bcoinRpc("getblockhash", 1).asText()).get("tx").get(0).asText();
            String cbHex = bcoinRpc("getrawtransaction", cbTxid, 0).asText();
            String spendHex = bcoinJs(bcoinHome, "spend", key.get("wif").asText(), cbHex, "0", rehrp(nakaAddr2, "rb"),
                    "125000000", "20000");
            String bcoinTxid = bcoinRpc("sendrawtransaction", spendHex).asText();
            awaitTrue(Duration.ofSeconds(60), () -> nakaMempool(naka).contains(bcoinTxid), "nakamoto took bcoin's transaction");
            Transaction fromBcoin = Transaction.fromHex(naka.result("getrawtransaction", q(bcoinTxid), "true").get("hex").asText());
            assertTrue(fromBcoin.hasWitness(), "the relayed transaction kept its witness");
            naka.result("generatetoaddress", "1", q(nakaAddr));
            awaitSameTip(naka, Duration.ofSeconds(60));
            assertTrue(bcoinMempool().isEmpty(), "nakamoto's block confirmed it for bcoin");
            JsonNode bal = wallet.run("balance").ok().json();
            assertTrue(bal.toString().contains("1.25"), "nakamoto's wallet sees bcoin's payment: " + bal);

            // Restart bcoin (persistent LevelDB), mine on nakamoto meanwhile, and agree again.
            stopBcoin();
            naka.result("generatetoaddress", "3", q(nakaAddr));
            startBcoin(bcoinHome, naka);
            awaitSameTip(naka, Duration.ofSeconds(120));

            // Restart nakamoto (new ports; it dials bcoin again), mine on bcoin meanwhile, and agree again.
            naka.close();
            bcoinRpc("generatetoaddress", 2, bcoinAddr);
            NodeProcess naka2 = NodeProcess.start(dir.resolve("naka"), "regtest", nakaOpts);
            try {
                awaitSameTip(naka2, Duration.ofSeconds(120));
                naka2.result("generatetoaddress", "1", q(nakaAddr));
                awaitSameTip(naka2, Duration.ofSeconds(60));
            } finally {
                naka2.close();
            }
        } finally {
            stopBcoin();
            naka.close();
        }
    }

    // ---- bcoin process and RPC

    /** Runs interop/bcoin-keys.js (bcoin's library) with {@code args}; its one line of output. */
    private String bcoinJs(Path home, String... args) throws IOException, InterruptedException {
        Path script = dir.resolve("bcoin-keys.js");
        if (!Files.exists(script)) {
            try (var in = BcoinInteropIT.class.getResourceAsStream("/interop/bcoin-keys.js")) {
                Files.write(script, in.readAllBytes());
            }
        }
        List<String> cmd = new ArrayList<>(List.of("node", script.toString(), home.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NODE_BACKEND", "js");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("bcoin-keys.js " + args[0] + " failed: " + out);
        }
        return out;
    }

    private void startBcoin(Path home, NodeProcess naka) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", home.resolve("node_modules/bcoin/bin/node").toString(),
                "--network=regtest", "--prefix=" + bcoinDir, "--wallet-prefix=" + bcoinDir.resolve("wallet"),
                "--host=127.0.0.1", "--port=" + bcoinP2p, "--listen=true", "--max-inbound=8",
                "--only=127.0.0.1:" + p2pPort(naka), "--seeds=127.0.0.1:" + p2pPort(naka), "--upnp=false",
                "--http-host=127.0.0.1", "--http-port=" + bcoinHttp, "--api-key=" + API_KEY,
                "--wallet-http-host=127.0.0.1", "--wallet-http-port=" + bcoinWalletHttp, "--wallet-api-key=" + API_KEY,
                "--index-tx=true", "--workers=false", "--log-level=debug", "--log-file=true"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bcoin-process.log").toFile()));
        pb.environment().put("NODE_BACKEND", "js");
        bcoin = pb.start();
        awaitTrue(Duration.ofSeconds(90), () -> {
            try {
                return bcoin.isAlive() && bcoinRpc("getblockcount").isInt();
            } catch (Exception e) {
                return false;
            }
        }, "bcoin answers RPC");
    }

    private void stopBcoin() throws InterruptedException {
        if (bcoin != null && bcoin.isAlive()) {
            bcoin.destroy();
            if (!bcoin.waitFor(30, TimeUnit.SECONDS)) {
                bcoin.destroyForcibly();
            }
        }
    }

    private JsonNode bcoinRpc(String method, Object... params) throws IOException, InterruptedException {
        return rpc(bcoinHttp, method, params);
    }

    private JsonNode rpc(int port, String method, Object... params) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("method", method).put("id", 1);
        ArrayNode p = body.putArray("params");
        for (Object o : params) {
            p.addPOJO(o);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("x:" + API_KEY).getBytes(StandardCharsets.US_ASCII)))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        JsonNode reply = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
        if (!reply.path("error").isNull() && !reply.path("error").isMissingNode()) {
            throw new IOException("bcoin " + method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    private List<String> bcoinMempool() {
        try {
            List<String> out = new ArrayList<>();
            bcoinRpc("getrawmempool").forEach(t -> out.add(t.asText()));
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    // ---- nakamoto side

    private static List<String> nakaMempool(NodeProcess n) {
        try {
            List<String> out = new ArrayList<>();
            n.result("getrawmempool").forEach(t -> out.add(t.asText()));
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static int peers(NodeProcess n) {
        try {
            return n.result("getconnectioncount").asInt();
        } catch (Exception e) {
            return 0;
        }
    }

    private static int p2pPort(NodeProcess n) {
        return n.p2pPort();
    }

    private void awaitSameTip(NodeProcess n, Duration timeout) throws Exception {
        awaitTrue(timeout, () -> {
            try {
                return n.result("getbestblockhash").asText().equals(bcoinRpc("getbestblockhash").asText());
            } catch (Exception e) {
                return false;
            }
        }, "nakamoto and bcoin on one tip");
    }

    private static CliHarness walletCli(NodeProcess n, Path file) {
        return new CliHarness("interop pw", "--network", "regtest", "--datadir", n.dataDir.toString(),
                "--rpcport", String.valueOf(n.rpcPort), "--wallet", file.toString(), "--json");
    }

    // ---- helpers

    /** The same witness program under another human-readable part (bcoin 1.0.2's regtest "rb" vs "bcrt"). */
    static String rehrp(String address, String hrp) {
        String from = Bech32.decode(address).hrp();
        SegwitAddress a = SegwitAddress.parse(address, from);
        return SegwitAddress.of(hrp, a.witnessVersion(), a.program()).toString();
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static Path bcoinHome() {
        String p = System.getProperty("bcoin.dir", System.getenv("BCOIN_DIR"));
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
