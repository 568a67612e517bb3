package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;
import static org.nakamoto.node.NakamotodRpcTest.ADDRESS;
import static org.nakamoto.node.NakamotodRpcTest.KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.WitnessCommitment;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.script.TaprootSignatureHash;
import org.nakamoto.chain.script.TaprootSigner;
import org.nakamoto.chain.testing.TestMiner;

/**
 * A real nakamotod answers testmempoolaccept for three non-standard spends (a non-minimal push, a high-S
 * signature, a non-null CHECKMULTISIG dummy) with Bitcoin Core's reject strings, and takes the same
 * transactions in a block from submitblock: policy is not consensus. On Bitcoin regtest, where segwit is
 * active from genesis, NULLDUMMY is consensus (BIP147), so that block is refused with Core's block string;
 * on a regtest whose segwit height is still ahead it is accepted. A taproot key-path spend with a wrong
 * signature is refused by testmempoolaccept and, in a block, by submitblock, each with Core's string, and
 * the same spend correctly signed is accepted in a block.
 */
class PolicyRejectStringsTest {
    private static final Script P2PKH = ADDRESS.scriptPubKey();
    /** Bare 1-of-1 multisig of KEY: OP_1 [key] OP_1 OP_CHECKMULTISIG. */
    private static final Script MULTISIG = Script.of(concat(new byte[] {0x51}, ScriptCode.pushOf(KEY.publicKeyBytes(true)),
            new byte[] {0x51, (byte) 0xae}));
    private static final Script OP_TRUE = Script.of(new byte[] {0x51});
    /** Core's switch for test chains: relay non-standard transactions. */
    private static final String ACCEPT_NON_STD = "--acceptnonstdtxn=1";
    /** KEY's BIP86 taproot output (key path only). */
    private static final Script P2TR = Script.of(Taproot.scriptPubKey(Taproot.outputKey(KEY.xOnlyPublicKey(), null).xOnly()));

    @TempDir
    Path tmp;

    @Test
    void bitcoinRegtestRefusesThemWithCoresStringsAndBlocksTakeAllButTheConsensusDummy() throws Exception {
        // The spends pay bare OP_TRUE, non-standard: -acceptnonstdtxn=1 as Core's functional tests, the script
        // flags are what is tested.
        try (NodeProcess n = NodeProcess.start(tmp.resolve("regtest"), "regtest", List.of(ACCEPT_NON_STD))) {
            Spends s = prepare(n);
            assertRefused(n, s);
            assertEquals("block-script-verify-flag-failed (Dummy CHECKMULTISIG argument must be zero)",
                    submit(n, List.of(s.dummy)).textValue(), "NULLDUMMY is consensus since segwit, as in Core");
            assertTrue(submit(n, List.of(s.nonMinimal, s.highS)).isNull(), "policy is not consensus");
            assertEquals(0, n.result("getmempoolinfo").get("size").intValue());
        }
    }

    @Test
    void aTransactionPayingBareOpTrueIsRefusedAsScriptpubkeyUnlessAcceptnonstdtxn() throws Exception {
        for (boolean accept : new boolean[] {false, true}) {
            try (NodeProcess n = NodeProcess.start(tmp.resolve("std-" + accept), "regtest",
                    accept ? List.of(ACCEPT_NON_STD) : List.of())) {
                n.result("generatetoaddress", "101", q(ADDRESS.toString()));
                Transaction toOpTrue = p2pkhSpend(coinbaseOf(n, 1), 50_0000_0000L - 10_000, OP_TRUE, false, false);
                JsonNode r = n.result("testmempoolaccept", "[" + q(hex(toOpTrue)) + "]").get(0);
                if (accept) {
                    assertTrue(r.get("allowed").booleanValue(), r.toString());
                } else {
                    assertFalse(r.get("allowed").booleanValue(), r.toString());
                    assertEquals("scriptpubkey", r.get("reject-reason").textValue());
                }
            }
        }
    }

    @Test
    void aTaprootSpendWithAWrongSignatureIsRefusedByMempoolAndBlockWithCoresStrings() throws Exception {
        try (NodeProcess n = NodeProcess.start(tmp.resolve("taproot"), "regtest", List.of())) {
            n.result("generatetoaddress", "101", q(ADDRESS.toString()));
            long value = 50_0000_0000L - 10_000;
            Transaction funding = p2pkhSpend(coinbaseOf(n, 1), value, P2TR, false, false);
            assertEquals(funding.txid().toString(), n.result("sendrawtransaction", q(hex(funding))).textValue());
            n.result("generatetoaddress", "1", q(ADDRESS.toString()));
            OutPoint coin = new OutPoint(funding.txid(), 0);
            Transaction forged = keyPathSpend(coin, value, true);
            Transaction signed = keyPathSpend(coin, value, false);

            assertReject(n, forged, "mempool-script-verify-flag-failed (Invalid Schnorr signature)");
            assertEquals("block-script-verify-flag-failed (Invalid Schnorr signature)",
                    submit(n, List.of(forged)).textValue());
            assertTrue(n.result("testmempoolaccept", "[" + q(hex(signed)) + "]").get(0).get("allowed").booleanValue());
            assertTrue(submit(n, List.of(signed)).isNull(), "the correctly signed spend is valid in a block");
            assertEquals(signed.txid().toString(), n.result("getblock", q(n.result("getbestblockhash").textValue()))
                    .get("tx").get(1).textValue());
        }
    }

    @Test
    void beforeSegwitTheNonNullDummyIsPolicyOnly() throws Exception {
        String json;
        try (InputStream in = ParamsLoader.class.getResourceAsStream("/org/nakamoto/chain/params/regtest.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = tmp.resolve("late-segwit.json");
        Files.writeString(file, json.replace("\"segwitHeight\": 0", "\"segwitHeight\": 1000"));
        try (NodeProcess n = NodeProcess.startWithParams(tmp.resolve("late"), file, List.of(ACCEPT_NON_STD))) {
            Spends s = prepare(n);
            assertRefused(n, s);
            assertTrue(submit(n, List.of(s.nonMinimal, s.highS, s.dummy)).isNull(), "all three are valid in a block");
        }
    }

    private record Spends(Transaction nonMinimal, Transaction highS, Transaction dummy) {
    }

    /** Mines coinbases to KEY, confirms a multisig output, and builds the three spends. */
    private static Spends prepare(NodeProcess n) throws Exception {
        n.result("generatetoaddress", "103", q(ADDRESS.toString()));
        Hash256 cb1 = coinbaseOf(n, 1);
        Hash256 cb2 = coinbaseOf(n, 2);
        Hash256 cb3 = coinbaseOf(n, 3);
        long value = 50_0000_0000L - 10_000;
        Transaction funding = p2pkhSpend(cb3, value, MULTISIG, false, false);
        assertEquals(funding.txid().toString(), n.result("sendrawtransaction", q(hex(funding))).textValue());
        n.result("generatetoaddress", "1", q(ADDRESS.toString()));
        return new Spends(
                p2pkhSpend(cb1, value, OP_TRUE, true, false),
                p2pkhSpend(cb2, value, OP_TRUE, false, true),
                dummySpend(new OutPoint(funding.txid(), 0), value - 10_000));
    }

    private static void assertRefused(NodeProcess n, Spends s) throws Exception {
        assertReject(n, s.nonMinimal, "mempool-script-verify-flag-failed (Data push larger than necessary)");
        assertReject(n, s.highS, "mempool-script-verify-flag-failed (Non-canonical signature: S value is unnecessarily high)");
        assertReject(n, s.dummy, "mempool-script-verify-flag-failed (Dummy CHECKMULTISIG argument must be zero)");
    }

    private static void assertReject(NodeProcess n, Transaction tx, String reason) throws Exception {
        JsonNode r = n.result("testmempoolaccept", "[" + q(hex(tx)) + "]").get(0);
        assertFalse(r.get("allowed").booleanValue(), r.toString());
        assertEquals(reason, r.get("reject-reason").textValue());
    }

    /** Submits a block on the tip holding {@code txs}; returns submitblock's answer (null when accepted). */
    private static JsonNode submit(NodeProcess n, List<Transaction> txs) throws Exception {
        String tipHash = n.result("getbestblockhash").textValue();
        JsonNode tip = n.result("getblockheader", q(tipHash));
        int height = tip.get("height").intValue() + 1;
        ByteWriter sig = new ByteWriter();
        sig.writeBytes(CoinbaseHeight.encode(height)).writeUint8(1).writeUint8(txs.size());
        Transaction coinbase = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(sig.toByteArray()), TxIn.SEQUENCE_FINAL))
                .addOutput(ParamsLoader.builtIn("regtest").subsidyAt(height), OP_TRUE).build();
        List<Transaction> all = new ArrayList<>(List.of(coinbase));
        all.addAll(txs);
        all.set(0, WitnessCommitment.addTo(all));
        BlockHeader template = new BlockHeader(0x20000000, Hash256.fromHex(tipHash), MerkleTree.ofTransactions(all).root(),
                tip.get("time").longValue() + 1, Long.parseLong(tip.get("bits").textValue(), 16), 0);
        Block block = new Block(TestMiner.mine(template), all);
        JsonNode answer = n.result("submitblock", q(Hex.encode(block.serialize())));
        if (answer.isNull()) {
            assertEquals(block.hash().toString(), n.result("getbestblockhash").textValue());
        }
        return answer;
    }

    private static Hash256 coinbaseOf(NodeProcess n, int height) throws Exception {
        String h = n.result("getblockhash", Integer.toString(height)).textValue();
        return Hash256.fromHex(n.result("getblock", q(h)).get("tx").get(0).textValue());
    }

    /** Spends output 0 of {@code prev} (paying KEY's P2PKH); optionally with the key pushed by OP_PUSHDATA1 or a high S. */
    private static Transaction p2pkhSpend(Hash256 prev, long value, Script to, boolean nonMinimalPush, boolean highS) {
        OutPoint in = new OutPoint(prev, 0);
        Transaction unsigned = new Transaction.Builder().addInput(new TxIn(in, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value, to).build();
        byte[] sig = LegacySigner.sign(KEY, unsigned, 0, P2PKH, SignatureHash.ALL);
        if (highS) {
            sig = highS(sig);
        }
        byte[] key = KEY.publicKeyBytes(true);
        byte[] keyPush = nonMinimalPush ? concat(new byte[] {0x4c, (byte) key.length}, key) : ScriptCode.pushOf(key);
        Script scriptSig = Script.of(concat(ScriptCode.pushOf(sig), keyPush));
        return unsigned.toBuilder().setInput(0, new TxIn(in, scriptSig, TxIn.SEQUENCE_FINAL)).build();
    }

    /** Spends a {@link #P2TR} coin by the key path, its signature's last byte flipped when {@code forged}. */
    private static Transaction keyPathSpend(OutPoint in, long value, boolean forged) {
        Transaction unsigned = new Transaction.Builder().addInput(new TxIn(in, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value - 10_000, P2TR).build();
        PrecomputedTxData data = new PrecomputedTxData(unsigned, List.of(new TxOut(value, P2TR)));
        byte[] sig = TaprootSigner.signKeyPath(data, 0, TaprootSignatureHash.DEFAULT, KEY, null, new byte[32]);
        if (forged) {
            sig[63] ^= 1;
        }
        return unsigned.toBuilder().setWitness(0, Witness.of(sig)).build();
    }

    /** Spends the multisig output with OP_1 as CHECKMULTISIG's dummy instead of OP_0. */
    private static Transaction dummySpend(OutPoint in, long value) {
        Transaction unsigned = new Transaction.Builder().addInput(new TxIn(in, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value, OP_TRUE).build();
        byte[] sig = LegacySigner.sign(KEY, unsigned, 0, MULTISIG, SignatureHash.ALL);
        Script scriptSig = Script.of(concat(new byte[] {0x51}, ScriptCode.pushOf(sig)));
        return unsigned.toBuilder().setInput(0, new TxIn(in, scriptSig, TxIn.SEQUENCE_FINAL)).build();
    }

    private static byte[] highS(byte[] sigWithType) {
        byte[] der = Arrays.copyOf(sigWithType, sigWithType.length - 1);
        EcdsaSignature low = EcdsaSignature.parseLaxDer(der).orElseThrow();
        byte[] high = new EcdsaSignature(low.r(), Secp256k1.N.subtract(low.s())).encodeDer();
        return concat(high, new byte[] {sigWithType[sigWithType.length - 1]});
    }

    private static String hex(Transaction tx) {
        return Hex.encode(tx.serialize());
    }

    private static byte[] concat(byte[]... parts) {
        ByteWriter w = new ByteWriter();
        for (byte[] p : parts) {
            w.writeBytes(p);
        }
        return w.toByteArray();
    }
}
