package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;

/**
 * Two real nakamotod processes on regtest (A with a cookie and a metrics port; B with --rpcuser/--rpcpassword,
 * connected to A), driven only over HTTP by {@link CoreRpcClient}, which writes requests as Bitcoin Core
 * documents them. The RPC methods are called category by category and their results' field names compared with
 * Bitcoin Core's; error codes are Core's. Protocol abuse (no credentials, bad JSON, wrong types, an
 * oversized body) must not disturb the node.
 */
class NakamotodRpcTest {
    static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(1111));
    static final int REGTEST_PKH = 111;
    static final Address ADDRESS = Address.fromPublicKey(REGTEST_PKH, KEY.publicKeyBytes(true));

    @TempDir
    static Path tmp;
    static NodeProcess a;
    static NodeProcess b;
    static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        metricsPort = NodeProcess.freePort();
        a = NodeProcess.start(tmp.resolve("a"), "regtest", List.of("--metrics-port", Integer.toString(metricsPort)));
        // B's password comes from a file, never the command line where ps shows it (issue 17).
        Path pw = Files.writeString(tmp.resolve("b-rpcpassword"), "s3cret\n");
        b = NodeProcess.start(tmp.resolve("b"), "regtest", List.of("--rpcuser", "alice", "--rpcpassword-file", pw.toString(),
                "--connect", "127.0.0.1:" + a.p2pPort));
        JsonNode hashes = a.result("generatetoaddress", "101", q(ADDRESS.toString()));
        assertEquals(101, hashes.size());
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static void assertKeys(JsonNode o, String... expected) {
        Set<String> actual = new TreeSet<>();
        o.fieldNames().forEachRemaining(actual::add);
        assertEquals(new TreeSet<>(Arrays.asList(expected)), actual, "field names of " + o);
    }

    static void assertHasKeys(JsonNode o, String... expected) {
        Set<String> actual = new HashSet<>();
        o.fieldNames().forEachRemaining(actual::add);
        assertTrue(actual.containsAll(Arrays.asList(expected)), "expected " + Arrays.toString(expected) + " in " + actual);
    }

    static void assertError(JsonNode reply, int code) {
        assertTrue(reply.path("result").isNull(), reply.toString());
        assertEquals(code, reply.path("error").path("code").intValue(), reply.toString());
    }

    @Test
    void blockchainMethodsAnswerWithCoresFieldNames() throws Exception {
        assertKeys(a.result("getblockchaininfo"), "chain", "blocks", "headers", "bestblockhash", "bits", "target",
                "difficulty", "time", "mediantime", "verificationprogress", "initialblockdownload", "chainwork",
                "size_on_disk", "pruned", "warnings");
        assertEquals("regtest", a.result("getblockchaininfo").get("chain").textValue());
        int height = a.result("getblockcount").intValue();
        assertTrue(height >= 101);
        String best = a.result("getbestblockhash").textValue();
        assertEquals(best, a.result("getblockhash", Integer.toString(height)).textValue());
        String h50 = a.result("getblockhash", "50").textValue();
        String[] header = {"hash", "confirmations", "height", "version", "versionHex", "merkleroot", "time",
                "mediantime", "nonce", "bits", "target", "difficulty", "chainwork", "nTx", "previousblockhash", "nextblockhash"};
        assertKeys(a.result("getblockheader", q(h50)), header);
        assertEquals(160, a.result("getblockheader", q(h50), "false").textValue().length());
        JsonNode block = a.result("getblock", q(h50));
        assertKeys(block, "hash", "confirmations", "size", "strippedsize", "weight", "height", "version", "versionHex",
                "merkleroot", "tx", "time", "mediantime", "nonce", "bits", "target", "difficulty", "chainwork", "nTx",
                "previousblockhash", "nextblockhash");
        assertTrue(block.get("tx").get(0).isTextual());
        JsonNode tx = a.result("getblock", q(h50), "2").get("tx").get(0);
        assertKeys(tx, "txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout", "hex");
        assertKeys(tx.get("vin").get(0), "coinbase", "sequence");
        assertKeys(tx.get("vout").get(0), "value", "n", "scriptPubKey");
        assertKeys(tx.get("vout").get(0).get("scriptPubKey"), "asm", "desc", "hex", "address", "type");
        assertEquals("pubkeyhash", tx.get("vout").get(0).get("scriptPubKey").get("type").textValue());
        assertTrue(a.result("getblock", q(h50), "0").isTextual());
        assertTrue(a.result("getblock", q(h50), "true").isObject(), "Core's old boolean verbosity");
        assertTrue(a.result("getdifficulty").isNumber());
        JsonNode tips = a.result("getchaintips");
        assertKeys(tips.get(0), "height", "hash", "branchlen", "status");
        assertEquals("active", tips.get(0).get("status").textValue());

        assertError(a.rpc().call("getblockhash", "100000"), -8);
        assertError(a.rpc().call("getblock", q("00".repeat(32))), -5);
        assertError(a.rpc().call("getblock", q("xyz")), -8);

        // invalidateblock / reconsiderblock round trip on the tip
        String tip = a.result("getbestblockhash").textValue();
        int before = a.result("getblockcount").intValue();
        assertTrue(a.result("invalidateblock", q(tip)).isNull());
        assertEquals(before - 1, a.result("getblockcount").intValue());
        boolean sawInvalid = false;
        for (JsonNode t : a.result("getchaintips")) {
            sawInvalid |= t.get("hash").textValue().equals(tip) && t.get("status").textValue().equals("invalid");
        }
        assertTrue(sawInvalid, "invalidated tip listed as invalid");
        assertTrue(a.result("reconsiderblock", q(tip)).isNull());
        assertEquals(tip, a.result("getbestblockhash").textValue());
        assertError(a.rpc().call("invalidateblock", q("11".repeat(32))), -5);
    }

    @Test
    void utxoQueriesFindTheCoinsOfAnAddress() throws Exception {
        String h1 = a.result("getblockhash", "2").textValue();
        String cb = a.result("getblock", q(h1)).get("tx").get(0).textValue();
        JsonNode out = a.result("gettxout", q(cb), "0");
        assertKeys(out, "bestblock", "confirmations", "value", "scriptPubKey", "coinbase");
        assertTrue(out.get("coinbase").booleanValue());
        assertEquals("50.00000000", out.get("value").decimalValue().setScale(8).toPlainString());
        assertTrue(a.result("gettxout", q(cb), "7").isNull());
        assertKeys(a.result("gettxoutsetinfo"), "height", "bestblock", "txouts", "bogosize", "hash_serialized_3",
                "total_amount", "transactions", "disk_size");
        JsonNode scan = a.result("scantxoutset", q("start"), "[" + q("addr(" + ADDRESS + ")") + "]");
        assertKeys(scan, "success", "txouts", "height", "bestblock", "unspents", "total_amount");
        assertTrue(scan.get("unspents").size() >= 100);
        JsonNode u = scan.get("unspents").get(0);
        assertKeys(u, "txid", "vout", "scriptPubKey", "desc", "amount", "coinbase", "height", "blockhash", "confirmations");
        assertTrue(u.get("desc").textValue().startsWith("addr(" + ADDRESS + ")#"));
        // the checksum Core would print is accepted back
        assertEquals(scan.get("unspents").size(),
                a.result("scantxoutset", q("start"), "[" + q(u.get("desc").textValue()) + "]").get("unspents").size());
        assertError(a.rpc().call("scantxoutset", q("start"), "[" + q("addr(nonsense)") + "]"), -5);
    }

    @Test
    void rawTransactionsAndMempool() throws Exception {
        String h1 = a.result("getblockhash", "1").textValue();
        Hash256 coinbase = Hash256.fromHex(a.result("getblock", q(h1)).get("tx").get(0).textValue());
        Transaction tx = spend(coinbase, 50_0000_0000L - 10_000, KEY);
        String hex = Hex.encode(tx.serialize());

        JsonNode decoded = a.result("decoderawtransaction", q(hex));
        assertKeys(decoded, "txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout");
        assertKeys(decoded.get("vin").get(0), "txid", "vout", "scriptSig", "sequence");
        assertKeys(decoded.get("vin").get(0).get("scriptSig"), "asm", "hex");
        assertTrue(decoded.get("vin").get(0).get("scriptSig").get("asm").textValue().contains("[ALL]"));
        JsonNode test = a.result("testmempoolaccept", "[" + q(hex) + "]").get(0);
        assertKeys(test, "txid", "wtxid", "allowed", "vsize", "fees");
        assertTrue(test.get("allowed").booleanValue(), test.toString());

        assertEquals(tx.txid().toString(), a.result("sendrawtransaction", q(hex)).textValue());
        assertEquals(tx.txid().toString(), a.result("sendrawtransaction", q(hex)).textValue(), "resubmission answers the txid");
        assertEquals(tx.txid().toString(), a.result("getrawmempool").get(0).textValue());
        JsonNode entry = a.result("getmempoolentry", q(tx.txid().toString()));
        String[] entryKeys = {"vsize", "weight", "time", "height", "descendantcount", "descendantsize", "ancestorcount",
                "ancestorsize", "wtxid", "fees", "depends", "spentby", "bip125-replaceable", "unbroadcast"};
        assertKeys(entry, entryKeys);
        assertKeys(entry.get("fees"), "base", "modified", "ancestor", "descendant");
        assertKeys(a.result("getrawmempool", "true").get(tx.txid().toString()), entryKeys);
        assertKeys(a.result("getmempoolinfo"), "loaded", "size", "bytes", "usage", "total_fee", "maxmempool",
                "mempoolminfee", "minrelaytxfee", "incrementalrelayfee", "unbroadcastcount", "fullrbf");
        assertEquals(1, a.result("getmempoolinfo").get("size").intValue());
        assertEquals(hex, a.result("getrawtransaction", q(tx.txid().toString())).textValue());
        assertTrue(a.result("gettxout", q(coinbase.toString()), "0").isNull(), "spent in the mempool");
        assertFalse(a.result("gettxout", q(coinbase.toString()), "0", "false").isNull(), "still unspent in the chain");
        JsonNode tmpl = a.result("getblocktemplate", "{\"rules\": [\"segwit\"]}");
        assertEquals(1, tmpl.get("transactions").size());
        assertEquals("[\"csv\",\"!segwit\",\"taproot\"]", tmpl.get("rules").toString(), "Core's rules once segwit is active");
        assertKeys(tmpl.get("transactions").get(0), "data", "txid", "hash", "depends", "fee", "sigops", "weight");
        assertKeys(a.result("testmempoolaccept", "[" + q(hex) + "]").get(0), "txid", "wtxid", "allowed", "reject-reason");

        String blockHash = a.result("generatetoaddress", "1", q(ADDRESS.toString())).get(0).textValue();
        assertEquals(0, a.result("getrawmempool").size());
        JsonNode confirmed = a.result("getrawtransaction", q(tx.txid().toString()), "true", q(blockHash));
        assertKeys(confirmed, "in_active_chain", "txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin",
                "vout", "hex", "blockhash", "confirmations", "time", "blocktime");
        assertError(a.rpc().call("getrawtransaction", q(tx.txid().toString())), -5);
        assertError(a.rpc().call("sendrawtransaction", q(hex)), -27);
        JsonNode missing = a.rpc().call("sendrawtransaction",
                q(Hex.encode(spend(Hash256.fromHex("22".repeat(32)), 1000, KEY).serialize())));
        assertError(missing, -25);
        assertEquals("bad-txns-inputs-missingorspent", missing.get("error").get("message").textValue());
        assertError(a.rpc().call("decoderawtransaction", q("00ff")), -22);
        // a wrong key: the script fails, Core's -26 with its reason string
        String h2 = a.result("getblockhash", "2").textValue();
        Hash256 cb2 = Hash256.fromHex(a.result("getblock", q(h2)).get("tx").get(0).textValue());
        JsonNode bad = a.rpc().call("sendrawtransaction", q(Hex.encode(spend(cb2, 49_0000_0000L, EcPrivateKey.of(BigInteger.TWO)).serialize())));
        assertError(bad, -26);
        assertTrue(bad.get("error").get("message").textValue().startsWith("mempool-script-verify-flag-failed ("), bad.toString());
        // a fee rate above maxfeerate: the writer answers in chain terms, the RPC layer makes Core's -25
        String h3 = a.result("getblockhash", "3").textValue();
        Hash256 cb3 = Hash256.fromHex(a.result("getblock", q(h3)).get("tx").get(0).textValue());
        Transaction greedy = spend(cb3, 40_0000_0000L, KEY); // 10 BTC fee, far above the default 0.10 BTC/kvB
        JsonNode tooHigh = a.rpc().call("sendrawtransaction", q(Hex.encode(greedy.serialize())));
        assertError(tooHigh, -25);
        assertTrue(tooHigh.get("error").get("message").textValue().startsWith("Fee exceeds maximum"), tooHigh.toString());
        assertError(a.rpc().call("getmempoolentry", q(greedy.txid().toString())), -5);
    }

    @Test
    void aNonStandardTransactionIsRefusedWithCoresStringForTheRuleItBreaks() throws Exception {
        String h3 = a.result("getblockhash", "3").textValue();
        Hash256 cb3 = Hash256.fromHex(a.result("getblock", q(h3)).get("tx").get(0).textValue());
        Transaction signed = spend(cb3, 50_0000_0000L - 10_000, KEY);
        // OP_NOP before a valid signature and key: valid in a block, but not relayed (IsStandardTx)
        byte[] sig = signed.inputs().get(0).scriptSig().bytes();
        byte[] withNop = new byte[sig.length + 1];
        withNop[0] = 0x61;
        System.arraycopy(sig, 0, withNop, 1, sig.length);
        Transaction tx = signed.toBuilder()
                .setInput(0, new TxIn(new OutPoint(cb3, 0), Script.of(withNop), TxIn.SEQUENCE_FINAL)).build();
        String hex = Hex.encode(tx.serialize());
        JsonNode test = a.result("testmempoolaccept", "[" + q(hex) + "]").get(0);
        assertFalse(test.get("allowed").booleanValue(), test.toString());
        assertEquals("scriptsig-not-pushonly", test.get("reject-reason").textValue());
        JsonNode refused = a.rpc().call("sendrawtransaction", q(hex));
        assertError(refused, -26);
        assertEquals("scriptsig-not-pushonly", refused.get("error").get("message").textValue());
    }

    /** Spends output 0 of {@code prev} (paying {@link #ADDRESS}) back to ADDRESS, signed with {@code key}. */
    static Transaction spend(Hash256 prev, long value, EcPrivateKey key) {
        Script prevScript = ADDRESS.scriptPubKey();
        Transaction unsigned = new Transaction.Builder()
                .addInput(new TxIn(new OutPoint(prev, 0), Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value, prevScript).build();
        byte[] sig = LegacySigner.sign(key, unsigned, 0, prevScript, SignatureHash.ALL);
        return unsigned.toBuilder()
                .setInput(0, new TxIn(new OutPoint(prev, 0), StandardScripts.spendPayToPubKeyHash(sig, key.publicKeyBytes(true)),
                        TxIn.SEQUENCE_FINAL)).build();
    }

    @Test
    void miningMethods() throws Exception {
        assertKeys(a.result("getmininginfo"), "blocks", "currentblockweight", "currentblocktx", "difficulty",
                "networkhashps", "pooledtx", "chain", "warnings", "generate", "genproclimit", "hashespersec");
        assertFalse(a.result("getmininginfo").get("generate").booleanValue());
        assertTrue(a.result("getnetworkhashps").isNumber());
        assertKeys(a.result("getblocktemplate"), "capabilities", "version", "rules", "vbavailable", "vbrequired",
                "previousblockhash", "transactions", "coinbaseaux", "coinbasevalue", "longpollid", "target", "mintime",
                "mutable", "noncerange", "sigoplimit", "sizelimit", "weightlimit", "curtime", "bits", "height",
                "default_witness_commitment");
        String h10 = a.result("getblockhash", "10").textValue();
        assertEquals("duplicate", a.result("submitblock", q(a.result("getblock", q(h10), "0").textValue())).textValue());
        assertError(a.rpc().call("submitblock", q("0000")), -22);
        assertError(a.rpc().call("generatetoaddress", "1", q("notanaddress")), -5);
        int before = a.result("getblockcount").intValue();
        assertEquals(3, a.result("generatetoaddress", "3", q(ADDRESS.toString())).size());
        assertEquals(before + 3, a.result("getblockcount").intValue());
    }

    @Test
    void networkMethods() throws Exception {
        JsonNode peers = awaitPeers(a);
        assertHasKeys(peers.get(0), "id", "addr", "network", "services", "servicesnames", "relaytxes", "lastsend",
                "lastrecv", "bytessent", "bytesrecv", "conntime", "timeoffset", "version", "subver", "inbound",
                "startingheight", "synced_headers", "synced_blocks", "inflight", "connection_type",
                "bytessent_per_msg", "bytesrecv_per_msg");
        assertTrue(peers.get(0).get("inbound").booleanValue());
        assertEquals(1, a.result("getconnectioncount").intValue());
        assertKeys(a.result("getnetworkinfo"), "version", "subversion", "protocolversion", "localservices",
                "localservicesnames", "localrelay", "timeoffset", "networkactive", "connections", "connections_in",
                "connections_out", "networks", "relayfee", "incrementalfee", "localaddresses", "warnings",
                "secp256k1", "secp256k1_library"); // the last two are nakamoto's: the signature engine
        // B follows A's chain over P2P
        String best = a.result("getbestblockhash").textValue();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!b.result("getbestblockhash").textValue().equals(best) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(best, b.result("getbestblockhash").textValue(), "B synced from A");

        assertTrue(a.result("setban", q("10.1.2.3"), q("add"), "3600").isNull());
        assertError(a.rpc().call("setban", q("10.1.2.3"), q("add")), -23);
        JsonNode banned = a.result("listbanned");
        assertKeys(banned.get(0), "address", "ban_created", "banned_until", "ban_duration", "time_remaining");
        assertEquals("10.1.2.3/32", banned.get(0).get("address").textValue());
        assertTrue(a.result("setban", q("10.1.2.3"), q("remove")).isNull());
        assertError(a.rpc().call("setban", q("10.1.2.3"), q("remove")), -30);
        assertError(a.rpc().call("setban", q("not-an-ip"), q("add")), -30);
        assertEquals(0, a.result("listbanned").size());
        assertTrue(a.result("addnode", q("127.0.0.1:1"), q("add")).isNull());
        assertError(a.rpc().call("addnode", q("127.0.0.1:1"), q("add")), -23);
        assertTrue(a.result("addnode", q("127.0.0.1:1"), q("remove")).isNull());
        assertError(a.rpc().call("addnode", q("127.0.0.1:1"), q("remove")), -24);
        assertError(a.rpc().call("disconnectnode", q(""), "9999"), -29);
        assertError(a.rpc().call("disconnectnode"), -8);
    }

    /** Issue 17's smaller findings: each refused with Core's parameter error and a message that says why. */
    @Test
    void negativeMaxtriesNegativeBantimeAndOverlongHostsAreRefused() throws Exception {
        int height = a.result("getblockcount").intValue();
        JsonNode r = a.rpc().call("generatetoaddress", "1", q(ADDRESS.toString()), "-1");
        assertError(r, -8);
        assertEquals("maxtries must be 0 or positive, not -1", r.at("/error/message").textValue());
        assertEquals(0, a.result("generatetoaddress", "1", q(ADDRESS.toString()), "0").size(), "no tries, no blocks");
        assertEquals(height, a.result("getblockcount").intValue(), "nothing mined");

        r = a.rpc().call("setban", q("10.9.8.7"), q("add"), "-1");
        assertError(r, -8);
        assertTrue(r.at("/error/message").textValue().startsWith("Error: bantime must be 0"), r.toString());
        for (JsonNode ban : a.result("listbanned")) {
            assertFalse(ban.get("address").textValue().startsWith("10.9.8.7"), "not banned");
        }

        String longHost = "a".repeat(300);
        r = a.rpc().call("addnode", q(longHost + ":18444"), q("add"));
        assertError(r, -8);
        String message = r.at("/error/message").textValue();
        assertTrue(message.endsWith("the host is 300 characters long; a DNS name has 253 at most"), message);
        assertTrue(message.length() < 200, "the host is not echoed whole: " + message.length());
        assertError(a.rpc().call("addnode", q("bad_host!:18444"), q("onetry")), -8);
        assertError(a.rpc().call("addnode", q("a.b." + "c".repeat(64) + ":1"), q("add")), -8);
        assertTrue(a.result("addnode", q("localhost:1"), q("add")).isNull(), "a proper name is fine");
        assertTrue(a.result("addnode", q("localhost:1"), q("remove")).isNull());
    }

    @Test
    void debugLogIsOwnerOnly() throws Exception {
        Path log = a.dataDir.resolve("debug.log");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    private static JsonNode awaitPeers(NodeProcess n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode peers = n.result("getpeerinfo");
        while (peers.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            peers = n.result("getpeerinfo");
        }
        assertFalse(peers.isEmpty(), "a peer connected");
        return peers;
    }

    @Test
    void utilControlAndHelp() throws Exception {
        assertKeys(a.result("validateaddress", q(ADDRESS.toString())), "isvalid", "address", "scriptPubKey", "isscript", "iswitness");
        JsonNode invalid = a.result("validateaddress", q("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"));
        assertKeys(invalid, "isvalid", "error_locations", "error");
        assertFalse(invalid.get("isvalid").booleanValue());
        assertTrue(a.result("uptime").isIntegralNumber());
        String overview = a.result("help").textValue();
        for (String m : ISSUE_METHODS) {
            assertTrue(overview.contains("\n" + m) || overview.startsWith("== ") && overview.contains(m), m + " listed in help");
            String help = a.result("help", q(m)).textValue();
            assertTrue(help.startsWith(m), m + " has help: " + help);
            assertTrue(help.contains("Result:"), m);
        }
    }

    /** Issue 14: bech32 in validateaddress, generatetoaddress, scantxoutset and every scriptPubKey shown. */
    @Test
    void segwitAddressesAreFirstClass() throws Exception {
        SegwitAddress wpkh = SegwitAddress.p2wpkh("bcrt", org.nakamoto.chain.crypto.Hashes.hash160(KEY.publicKeyBytes(true)));
        JsonNode v = a.result("validateaddress", q(wpkh.toString()));
        assertTrue(v.get("isvalid").booleanValue(), v.toString());
        assertTrue(v.get("iswitness").booleanValue());
        assertFalse(v.get("isscript").booleanValue());
        assertEquals(0, v.get("witness_version").intValue());
        assertEquals(Hex.encode(wpkh.program()), v.get("witness_program").textValue());
        assertEquals("0014" + Hex.encode(wpkh.program()), v.get("scriptPubKey").textValue());
        SegwitAddress wsh = SegwitAddress.of("bcrt", 0, new byte[32]);
        JsonNode vs = a.result("validateaddress", q(wsh.toString().toUpperCase(java.util.Locale.ROOT)));
        assertTrue(vs.get("isscript").booleanValue());
        assertEquals(wsh.toString(), vs.get("address").textValue(), "Core shows the canonical lower-case form");
        JsonNode mainnet = a.result("validateaddress", q("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"));
        assertFalse(mainnet.get("isvalid").booleanValue(), "another network's hrp");

        String hash = a.result("generatetoaddress", "1", q(wpkh.toString())).get(0).textValue();
        JsonNode out = a.result("getblock", q(hash), "2").get("tx").get(0).get("vout").get(0).get("scriptPubKey");
        assertEquals("witness_v0_keyhash", out.get("type").textValue());
        assertEquals(wpkh.toString(), out.get("address").textValue());
        assertTrue(out.get("desc").textValue().startsWith("addr(" + wpkh + ")#"), out.toString());
        JsonNode scan = a.result("scantxoutset", q("start"), "[" + q("addr(" + wpkh + ")") + "]");
        assertEquals(1, scan.get("unspents").size());
        String wpkhDesc = "wpkh(" + Hex.encode(KEY.publicKeyBytes(true)) + ")";
        assertEquals(1, a.result("scantxoutset", q("start"), "[" + q(wpkhDesc) + "]").get("unspents").size());
    }

    /** Issue 14: the witness serialization decodes, and shows Core's hash (wtxid), sizes and txinwitness. */
    @Test
    void witnessTransactionsDecodeInCoresShape() throws Exception {
        Transaction unsigned = new Transaction.Builder()
                .addInput(new OutPoint(Hash256.fromHex("11".repeat(32)), 0), Script.EMPTY)
                .addOutput(1000, StandardScripts.payToPubKeyHash(new byte[20])).build();
        Transaction tx = unsigned.toBuilder()
                .setWitness(0, org.nakamoto.chain.model.Witness.of(new byte[71], KEY.publicKeyBytes(true))).build();
        String hex = Hex.encode(tx.serialize());
        JsonNode d = a.result("decoderawtransaction", q(hex));
        assertEquals(tx.txid().toString(), d.get("txid").textValue());
        assertEquals(tx.wtxid().toString(), d.get("hash").textValue(), "hash is the wtxid");
        assertEquals(tx.size(), d.get("size").intValue());
        assertEquals(tx.vsize(), d.get("vsize").longValue());
        assertEquals(tx.weight(), d.get("weight").longValue());
        assertTrue(d.get("vsize").longValue() < d.get("size").longValue());
        JsonNode w = d.get("vin").get(0).get("txinwitness");
        assertEquals(2, w.size());
        assertEquals(Hex.encode(KEY.publicKeyBytes(true)), w.get(1).textValue());
        JsonNode t = a.result("testmempoolaccept", "[" + q(hex) + "]").get(0);
        assertEquals(tx.wtxid().toString(), t.get("wtxid").textValue());
        assertFalse(t.get("allowed").booleanValue(), "its input does not exist, but it decoded");
        assertError(a.rpc().call("sendrawtransaction", q(hex)), -25);
    }

    static final List<String> ISSUE_METHODS = List.of("getblockchaininfo", "getblockcount", "getbestblockhash",
            "getblockhash", "getblock", "getblockheader", "getchaintips", "getdifficulty", "gettxout", "gettxoutsetinfo",
            "getrawtransaction", "decoderawtransaction", "sendrawtransaction", "testmempoolaccept", "getmempoolinfo",
            "getrawmempool", "getmempoolentry", "getmininginfo", "getnetworkhashps", "generatetoaddress", "submitblock",
            "getblocktemplate", "getpeerinfo", "getconnectioncount", "getnetworkinfo", "addnode", "disconnectnode",
            "setban", "listbanned", "scantxoutset", "validateaddress", "invalidateblock", "reconsiderblock", "uptime",
            "stop", "help");

    @Test
    void protocolAbuseGetsCoresAnswersAndLeavesTheNodeRunning() throws Exception {
        CoreRpcClient c = a.rpc();
        String body = "{\"jsonrpc\": \"1.0\", \"id\": 1, \"method\": \"getblockcount\", \"params\": []}";
        assertEquals(401, c.post(body, null).statusCode(), "no credentials");
        assertEquals(401, c.post(body, "__cookie__:wrong").statusCode(), "wrong cookie");
        assertEquals(401, b.rpc().post(body, "alice:wrong").statusCode(), "wrong password");
        assertEquals(200, b.rpc().post(body, "alice:s3cret").statusCode(), "right password");

        HttpResponse<String> parse = c.post("{\"method\": \"getblockcount\", ", c.credentials());
        assertEquals(-32700, CoreRpcClientJson.read(parse.body()).get("error").get("code").intValue());
        JsonNode wrongType = c.call("getblockhash", q("ten"));
        assertError(wrongType, -3);
        assertTrue(wrongType.get("error").get("message").textValue().contains("is not of expected type number"), wrongType.toString());
        assertError(c.call("getblock", "12"), -3);
        assertError(c.call("nosuchmethod"), -32601);
        assertError(c.call("getblockhash"), -1); // missing argument: Core answers with the help text and -1

        byte[] huge = new byte[5 << 20];
        Arrays.fill(huge, (byte) ' ');
        int status;
        try {
            status = c.post(huge, c.credentials()).statusCode();
        } catch (java.io.IOException e) {
            status = 413; // the server may close the connection before the client finished sending
        }
        assertEquals(413, status, "a body over the 4 MiB limit is refused");

        // a JSON-RPC 2.0 batch, as Core accepts it
        HttpResponse<String> batch = c.post("[{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"getblockcount\"},"
                + "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"getbestblockhash\"}]", c.credentials());
        assertEquals(2, CoreRpcClientJson.read(batch.body()).size());

        assertTrue(a.result("getblockcount").intValue() >= 101, "the node still answers");
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        a.result("getblockcount");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        for (String name : List.of("nakamoto_chain_height ", "nakamoto_chain_headers ", "nakamoto_chain_work ",
                "nakamoto_mempool_transactions ", "nakamoto_mempool_bytes ", "nakamoto_chain_blocks_connected_total ",
                "nakamoto_chain_transactions_connected_total ", "nakamoto_chain_block_validation_seconds_count ",
                "nakamoto_chain_reorganisations_total ", "nakamoto_miner_hashrate ", "nakamoto_p2p_peers{direction=\"in\"} ",
                "nakamoto_rpc_calls_seconds_count{method=\"getblockcount\",outcome=\"success\"} ")) {
            assertTrue(r.body().contains(name), name + " in\n" + r.body());
        }
    }

    /** Reads reply bodies with a plain ObjectMapper, not the node's. */
    static final class CoreRpcClientJson {
        static JsonNode read(String s) throws java.io.IOException {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        }
    }
}
