package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;
import static org.nakamoto.node.NakamotodRpcTest.ADDRESS;
import static org.nakamoto.node.NakamotodRpcTest.KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;

/**
 * A real nakamotod process (regtest, LevelDB in a temp dir) shows through its own Prometheus counter
 * {@code nakamoto_script_inputs_verified_total} that testmempoolaccept and sendrawtransaction each evaluate
 * every input's script exactly once. The counter is read over HTTP, as an operator would: it is fed by the
 * production ScriptInputVerifier itself, so nothing in the node is replaced for the test. Before the fix,
 * sendrawtransaction ran testmempoolaccept's checks and then the admission's, counting each input twice.
 */
class SignaturesVerifiedOnceTest {
    static final String COUNTER = "nakamoto_script_inputs_verified_total";

    @TempDir
    Path tmp;

    @Test
    void sendRawTransactionVerifiesEachInputOnce() throws Exception {
        int metricsPort = NodeProcess.freePort();
        try (NodeProcess n = NodeProcess.start(tmp.resolve("node"), "regtest",
                List.of("--metrics-port", Integer.toString(metricsPort)))) {
            n.result("generatetoaddress", "103", q(ADDRESS.toString())); // coinbases 1-3 mature for block 104
            // Coinbase-only blocks spend nothing: no script has run yet.
            assertEquals(0, verified(metricsPort));

            Transaction tx = spendCoinbases(n, 10_000, 1, 2, 3);
            String hex = Hex.encode(tx.serialize());

            JsonNode test = n.result("testmempoolaccept", "[" + q(hex) + "]").get(0);
            assertTrue(test.get("allowed").booleanValue(), test.toString());
            assertEquals(3, verified(metricsPort), "testmempoolaccept runs each of the 3 inputs once");

            assertEquals(tx.txid().toString(), n.result("sendrawtransaction", q(hex)).textValue());
            assertEquals(6, verified(metricsPort), "sendrawtransaction runs each of the 3 inputs once");
            assertEquals(1, n.result("getmempoolinfo").get("size").intValue());

            assertEquals(tx.txid().toString(), n.result("sendrawtransaction", q(hex)).textValue());
            assertEquals(6, verified(metricsPort), "a resubmission is answered from the pool, without scripts");
        }
    }

    /** One transaction spending output 0 of the coinbases at {@code heights}, paying {@code fee} sat, signed with KEY. */
    static Transaction spendCoinbases(NodeProcess n, long fee, int... heights) throws Exception {
        Script paid = ADDRESS.scriptPubKey();
        Transaction.Builder b = new Transaction.Builder();
        for (int h : heights) {
            String blockHash = n.result("getblockhash", Integer.toString(h)).textValue();
            Hash256 cb = Hash256.fromHex(n.result("getblock", q(blockHash)).get("tx").get(0).textValue());
            b.addInput(new TxIn(new OutPoint(cb, 0), Script.EMPTY, TxIn.SEQUENCE_FINAL));
        }
        Transaction unsigned = b.addOutput(heights.length * 50_0000_0000L - fee, paid).build();
        Transaction.Builder signed = unsigned.toBuilder();
        for (int i = 0; i < heights.length; i++) {
            byte[] sig = LegacySigner.sign(KEY, unsigned, i, paid, SignatureHash.ALL);
            TxIn in = unsigned.inputs().get(i);
            signed.setInput(i, new TxIn(in.prevout(), StandardScripts.spendPayToPubKeyHash(sig, KEY.publicKeyBytes(true)),
                    TxIn.SEQUENCE_FINAL));
        }
        return signed.build();
    }

    private static long verified(int metricsPort) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(COUNTER + " ")) {
                return (long) Double.parseDouble(line.substring(COUNTER.length() + 1).trim());
            }
        }
        throw new AssertionError(COUNTER + " not in\n" + r.body());
    }
}
