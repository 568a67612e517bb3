package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;

/**
 * A stand-in for a Bitcoin Core-compatible node in unit tests: a real HTTP JSON-RPC server on loopback with
 * Basic authentication, an in-memory UTXO set and mempool, and the handful of methods the wallet uses, in
 * Core's shapes. sendrawtransaction checks what a node would (inputs unspent, coinbase maturity, scripts
 * through the real interpreter, fee at least 1 sat/byte). It is no substitute for the end-to-end test
 * against nakamotod; it lets the CLI's behaviour be tested without one.
 */
final class FakeNode implements AutoCloseable {
    static final String USER = "user";
    static final String PASSWORD = "secret";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    record Utxo(TxOut out, int height, boolean coinbase) {
    }

    private final NetworkParams params;
    private final HttpServer server;
    private final Map<OutPoint, Utxo> utxos = new HashMap<>();
    private final Map<Hash256, Transaction> mempool = new LinkedHashMap<>();
    private final Set<Hash256> confirmed = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    private int height;

    FakeNode(NetworkParams params) throws IOException {
        this.params = params;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized int height() {
        return height;
    }

    synchronized List<Transaction> mempool() {
        return List.copyOf(mempool.values());
    }

    synchronized boolean isConfirmed(String txid) {
        return confirmed.contains(Hash256.fromHex(txid));
    }

    /** Mines {@code blocks} blocks paying their coinbase to {@code payTo}; the first takes the whole mempool. */
    synchronized void mine(int blocks, Script payTo) {
        for (int b = 0; b < blocks; b++) {
            height++;
            long fees = 0;
            for (Transaction tx : mempool.values()) {
                long in = 0;
                for (TxIn i : tx.inputs()) {
                    in += utxos.remove(i.prevout()).out().value();
                }
                fees += in - tx.outputs().stream().mapToLong(TxOut::value).sum();
                addOutputs(tx, height, false);
                confirmed.add(tx.txid());
            }
            mempool.clear();
            Transaction coinbase = new Transaction.Builder()
                    .addInput(OutPoint.NULL, Script.of(new byte[] {4, (byte) height, (byte) (height >> 8), 0, 0}))
                    .addOutput(params.subsidyAt(height) + fees, payTo).build();
            addOutputs(coinbase, height, true);
        }
    }

    private void addOutputs(Transaction tx, int h, boolean coinbase) {
        for (int o = 0; o < tx.outputs().size(); o++) {
            utxos.put(new OutPoint(tx.txid(), o), new Utxo(tx.outputs().get(o), h, coinbase));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
            if (!expected.equals(auth)) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode req = JSON.readTree(ex.getRequestBody());
            ObjectNode reply = JSON.createObjectNode();
            reply.set("id", req.get("id"));
            int status = 200;
            try {
                reply.set("result", call(req.path("method").asText(), req.path("params")));
                reply.putNull("error");
            } catch (RpcError e) {
                reply.putNull("result");
                reply.putObject("error").put("code", e.code).put("message", e.getMessage());
                status = 500;
            }
            byte[] body = reply.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static final class RpcError extends RuntimeException {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private synchronized JsonNode call(String method, JsonNode p) {
        calls.add(method);
        return switch (method) {
            case "getblockcount" -> JSON.getNodeFactory().numberNode(height);
            case "scantxoutset" -> scan(p.get(1));
            case "getrawmempool" -> {
                ObjectNode o = JSON.createObjectNode();
                mempool.keySet().forEach(id -> o.putObject(id.toString()).put("size", mempool.get(id).size()));
                yield o;
            }
            case "getrawtransaction" -> decoded(p.get(0).asText());
            case "sendrawtransaction" -> JSON.getNodeFactory().textNode(accept(Transaction.fromHex(p.get(0).asText())));
            default -> throw new RpcError(-32601, "Method not found");
        };
    }

    private JsonNode scan(JsonNode descriptors) {
        Set<Script> wanted = new HashSet<>();
        for (JsonNode d : descriptors) {
            String s = d.asText();
            wanted.add(Address.parse(s.substring(5, s.length() - 1), params.pubKeyHashVersion()).scriptPubKey());
        }
        ObjectNode r = JSON.createObjectNode().put("success", true).put("height", height);
        ArrayNode unspents = r.putArray("unspents");
        utxos.forEach((op, u) -> {
            if (wanted.contains(u.out().scriptPubKey())) {
                unspents.addObject().put("txid", op.txid().toString()).put("vout", op.index())
                        .put("scriptPubKey", Hex.encode(u.out().scriptPubKey().bytes()))
                        .put("amount", Amount.ofSat(u.out().value()).toCoins())
                        .put("coinbase", u.coinbase()).put("height", u.height());
            }
        });
        return r;
    }

    private JsonNode decoded(String txid) {
        Transaction tx = mempool.get(Hash256.fromHex(txid));
        if (tx == null) {
            throw new RpcError(-5, "No such mempool transaction. Use -txindex or provide a block hash.");
        }
        ObjectNode o = JSON.createObjectNode().put("txid", txid);
        ArrayNode vin = o.putArray("vin");
        tx.inputs().forEach(i -> vin.addObject().put("txid", i.prevout().txid().toString()).put("vout", i.prevout().index()));
        ArrayNode vout = o.putArray("vout");
        for (int n = 0; n < tx.outputs().size(); n++) {
            TxOut out = tx.outputs().get(n);
            vout.addObject().put("value", Amount.ofSat(out.value()).toCoins()).put("n", n)
                    .putObject("scriptPubKey").put("hex", Hex.encode(out.scriptPubKey().bytes()));
        }
        return o;
    }

    private String accept(Transaction tx) {
        Set<OutPoint> spentInPool = new HashSet<>();
        mempool.values().forEach(t -> t.inputs().forEach(i -> spentInPool.add(i.prevout())));
        long in = 0;
        for (int i = 0; i < tx.inputs().size(); i++) {
            OutPoint op = tx.inputs().get(i).prevout();
            Utxo u = utxos.get(op);
            if (u == null || spentInPool.contains(op)) {
                throw new RpcError(-25, "bad-txns-inputs-missingorspent");
            }
            if (u.coinbase() && height + 1 - u.height() < params.coinbaseMaturity()) {
                throw new RpcError(-26, "bad-txns-premature-spend-of-coinbase");
            }
            ScriptError e = ScriptVerifier.verifyInput(tx, i, u.out().scriptPubKey(), EnumSet.of(ScriptFlag.P2SH));
            if (!e.isOk()) {
                throw new RpcError(-26, "mandatory-script-verify-flag-failed (" + e + ")");
            }
            in += u.out().value();
        }
        long out = tx.outputs().stream().mapToLong(TxOut::value).sum();
        if (in < out) {
            throw new RpcError(-26, "bad-txns-in-belowout");
        }
        if (in - out < tx.size()) {
            throw new RpcError(-26, "min relay fee not met");
        }
        mempool.put(tx.txid(), tx);
        return tx.txid().toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
