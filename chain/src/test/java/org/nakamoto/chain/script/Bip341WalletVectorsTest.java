package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;

/**
 * BIP 341's wallet test vectors (test resource bitcoin/bips/bip-0341-wallet-test-vectors.json, verbatim
 * from the BIP): every scriptPubKey construction (leaf hashes, Merkle root, tweak, output key,
 * scriptPubKey, bech32m address, control blocks) and every key-path spend (the transaction's BIP 341
 * hashes, each input's tweak, tweaked secret key, signature message, signature hash and signature) must
 * reproduce exactly; the published signatures must verify through the transaction checker and fail once
 * altered.
 */
class Bip341WalletVectorsTest {
    private static final byte[] ZERO_AUX = new byte[32];

    @Test
    void everyScriptPubKeyConstructionReproduces() throws IOException {
        int leaves = 0;
        for (JsonNode c : vectors().get("scriptPubKey")) {
            byte[] internalKey = Hex.decode(c.get("given").get("internalPubkey").asText());
            JsonNode tree = c.get("given").get("scriptTree");
            JsonNode inter = c.get("intermediary");
            JsonNode expected = c.get("expected");
            byte[] merkleRoot = null;
            if (!tree.isNull()) {
                TreeMap<Integer, Leaf> byId = new TreeMap<>();
                merkleRoot = walk(tree, byId);
                List<String> leafHashes = new ArrayList<>();
                inter.get("leafHashes").forEach(h -> leafHashes.add(h.asText()));
                assertEquals(leafHashes, byId.values().stream().map(l -> Hex.encode(l.hash)).toList());
                assertEquals(inter.get("merkleRoot").asText(), Hex.encode(merkleRoot));
                Taproot.OutputKey out = Taproot.outputKey(internalKey, merkleRoot);
                int i = 0;
                for (JsonNode control : expected.get("scriptPathControlBlocks")) {
                    Leaf leaf = byId.get(i++);
                    byte[] made = controlBlock(leaf, out.oddY(), internalKey);
                    assertEquals(control.asText(), Hex.encode(made));
                    // And the other direction: the consensus check accepts it, and nothing else.
                    assertTrue(Taproot.verifyCommitment(made, out.xOnly(), leaf.hash));
                    made[0] ^= 1;
                    assertFalse(Taproot.verifyCommitment(made, out.xOnly(), leaf.hash), "wrong parity");
                    made[0] ^= 1;
                    made[made.length - 1] ^= 1;
                    assertFalse(Taproot.verifyCommitment(made, out.xOnly(), leaf.hash), "altered path or key");
                    leaves++;
                }
            } else {
                assertTrue(inter.get("merkleRoot").isNull());
            }
            assertEquals(inter.get("tweak").asText(), Hex.encode(Taproot.tweakHash(internalKey, merkleRoot)));
            Taproot.OutputKey out = Taproot.outputKey(internalKey, merkleRoot);
            assertEquals(inter.get("tweakedPubkey").asText(), Hex.encode(out.xOnly()));
            byte[] spk = Taproot.scriptPubKey(out.xOnly());
            assertEquals(expected.get("scriptPubKey").asText(), Hex.encode(spk));
            assertEquals(expected.get("bip350Address").asText(),
                    SegwitAddress.fromScriptPubKey(Script.of(spk), "bc").orElseThrow().toString());
        }
        assertEquals(12, leaves, "every control block of the seven constructions checked");
    }

    @Test
    void everyKeyPathSignatureHashAndSignatureReproduces() throws IOException {
        JsonNode spending = vectors().get("keyPathSpending").get(0);
        JsonNode given = spending.get("given");
        Transaction tx = Transaction.fromHex(given.get("rawUnsignedTx").asText());
        List<TxOut> spent = new ArrayList<>();
        for (JsonNode u : given.get("utxosSpent")) {
            spent.add(new TxOut(u.get("amountSats").asLong(), Script.fromHex(u.get("scriptPubKey").asText())));
        }
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        JsonNode hashes = spending.get("intermediary");
        assertEquals(hashes.get("hashPrevouts").asText(), Hex.encode(data.shaPrevouts()));
        assertEquals(hashes.get("hashAmounts").asText(), Hex.encode(data.shaAmounts()));
        assertEquals(hashes.get("hashScriptPubkeys").asText(), Hex.encode(data.shaScriptPubKeys()));
        assertEquals(hashes.get("hashSequences").asText(), Hex.encode(data.shaSequences()));
        assertEquals(hashes.get("hashOutputs").asText(), Hex.encode(data.shaOutputs()));

        Transaction signed = Transaction.fromHex(spending.get("auxiliary").get("fullySignedTx").asText());
        PrecomputedTxData signedData = new PrecomputedTxData(signed, spent);
        int inputs = 0;
        for (JsonNode in : spending.get("inputSpending")) {
            JsonNode g = in.get("given");
            JsonNode inter = in.get("intermediary");
            int index = g.get("txinIndex").asInt();
            int hashType = g.get("hashType").asInt();
            byte[] merkleRoot = g.get("merkleRoot").isNull() ? null : Hex.decode(g.get("merkleRoot").asText());
            EcPrivateKey key = EcPrivateKey.fromBytes(Hex.decode(g.get("internalPrivkey").asText()));
            String where = "input " + index;

            assertEquals(inter.get("internalPubkey").asText(), Hex.encode(key.xOnlyPublicKey()), where);
            assertEquals(inter.get("tweak").asText(), Hex.encode(Taproot.tweakHash(key.xOnlyPublicKey(), merkleRoot)), where);
            assertEquals(inter.get("tweakedPrivkey").asText(),
                    Hex.encode(Taproot.tweakPrivateKey(key, merkleRoot).toBytes()), where);
            ScriptExecutionData exec = new ScriptExecutionData();
            assertEquals(inter.get("sigMsg").asText(),
                    Hex.encode(TaprootSignatureHash.message(data, index, hashType, SigVersion.TAPROOT, exec)), where);
            assertEquals(inter.get("sigHash").asText(),
                    Hex.encode(TaprootSignatureHash.compute(data, index, hashType, SigVersion.TAPROOT, exec)), where);

            byte[] expectedSig = Hex.decode(in.get("expected").get("witness").get(0).asText());
            assertEquals(1, in.get("expected").get("witness").size(), where + ": a key-path witness is one item");
            // BIP 341's reference signs with 32 zero bytes of auxiliary randomness.
            assertArrayEquals(expectedSig, TaprootSigner.signKeyPath(data, index, hashType, key, merkleRoot, ZERO_AUX), where);
            assertArrayEquals(expectedSig, signed.inputs().get(index).witness().get(0), where + " in the signed tx");

            byte[] outputKey = WitnessProgram.parse(spent.get(index).scriptPubKey().bytes()).program();
            TransactionSignatureChecker checker =
                    new TransactionSignatureChecker(signed, index, spent.get(index).value(), signedData);
            assertEquals(ScriptError.OK, checker.checkSchnorrSignature(expectedSig, outputKey, SigVersion.TAPROOT,
                    new ScriptExecutionData()), where);
            byte[] altered = expectedSig.clone();
            altered[5] ^= 0x40;
            assertEquals(ScriptError.SCHNORR_SIG, checker.checkSchnorrSignature(altered, outputKey,
                    SigVersion.TAPROOT, new ScriptExecutionData()), where);
            inputs++;
        }
        assertEquals(7, inputs);
    }

    @Test
    void signatureEncodingAndHashTypeRulesFollowCoresCheckSchnorrSignature() throws IOException {
        JsonNode spending = vectors().get("keyPathSpending").get(0);
        Transaction tx = Transaction.fromHex(spending.get("given").get("rawUnsignedTx").asText());
        List<TxOut> spent = new ArrayList<>();
        for (JsonNode u : spending.get("given").get("utxosSpent")) {
            spent.add(new TxOut(u.get("amountSats").asLong(), Script.fromHex(u.get("scriptPubKey").asText())));
        }
        PrecomputedTxData data = new PrecomputedTxData(tx, spent);
        EcPrivateKey key = EcPrivateKey.fromBytes(Hex.decode(
                spending.get("inputSpending").get(3).get("given").get("internalPrivkey").asText()));
        byte[] outputKey = Taproot.outputKey(key.xOnlyPublicKey(), Hex.decode(
                spending.get("inputSpending").get(3).get("given").get("merkleRoot").asText())).xOnly();
        byte[] root = Hex.decode(spending.get("inputSpending").get(3).get("given").get("merkleRoot").asText());
        TransactionSignatureChecker checker = new TransactionSignatureChecker(tx, 4, spent.get(4).value(), data);

        byte[] all = TaprootSigner.signKeyPath(data, 4, SignatureHash.ALL, key, root, ZERO_AUX);
        assertEquals(65, all.length);
        assertEquals(ScriptError.OK, checker.checkSchnorrSignature(all, outputKey, SigVersion.TAPROOT, new ScriptExecutionData()));
        // The same signature with an explicit 0x00 byte: SIGHASH_DEFAULT may only be implied.
        byte[] explicitDefault = TaprootSigner.signKeyPath(data, 4, TaprootSignatureHash.DEFAULT, key, root, ZERO_AUX);
        byte[] withZero = java.util.Arrays.copyOf(explicitDefault, 65);
        assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE,
                checker.checkSchnorrSignature(withZero, outputKey, SigVersion.TAPROOT, new ScriptExecutionData()));
        // Undefined hash types.
        for (int undefined : new int[] {0x04, 0x80, 0x84, 0xff}) {
            byte[] sig = java.util.Arrays.copyOf(explicitDefault, 65);
            sig[64] = (byte) undefined;
            assertEquals(ScriptError.SCHNORR_SIG_HASHTYPE,
                    checker.checkSchnorrSignature(sig, outputKey, SigVersion.TAPROOT, new ScriptExecutionData()), "0x" + Integer.toHexString(undefined));
            assertNull(TaprootSignatureHash.compute(data, 4, undefined, SigVersion.TAPROOT, new ScriptExecutionData()));
        }
        // SIGHASH_SINGLE with no output at the input's index (the transaction has two outputs).
        assertNull(TaprootSignatureHash.compute(data, 4, SignatureHash.SINGLE, SigVersion.TAPROOT, new ScriptExecutionData()));
        // Sizes other than 64 and 65.
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, checker.checkSchnorrSignature(java.util.Arrays.copyOf(all, 63),
                outputKey, SigVersion.TAPROOT, new ScriptExecutionData()));
        assertEquals(ScriptError.SCHNORR_SIG_SIZE, checker.checkSchnorrSignature(java.util.Arrays.copyOf(all, 66),
                outputKey, SigVersion.TAPROOT, new ScriptExecutionData()));
        // The annex is signed: a signature made without it fails with it.
        ScriptExecutionData withAnnex = new ScriptExecutionData();
        withAnnex.annexHash(org.nakamoto.chain.crypto.Hashes.sha256(new byte[] {1, 0x50}));
        assertEquals(ScriptError.SCHNORR_SIG, checker.checkSchnorrSignature(all, outputKey, SigVersion.TAPROOT, withAnnex));
        // A checker made without the spent outputs cannot check a taproot signature: it fails, never passes.
        TransactionSignatureChecker blind = new TransactionSignatureChecker(tx, 4, spent.get(4).value(),
                new PrecomputedTxData(tx));
        assertEquals(ScriptError.SCHNORR_SIG,
                blind.checkSchnorrSignature(all, outputKey, SigVersion.TAPROOT, new ScriptExecutionData()));
        assertThrows(IllegalArgumentException.class, () -> new PrecomputedTxData(tx, spent.subList(0, 3)));
    }

    private record Leaf(byte[] hash, List<byte[]> path, int version) {
    }

    /** BIP 341's taproot_tree_helper: the node's hash, recording each leaf's hash and Merkle path by id. */
    private static byte[] walk(JsonNode node, TreeMap<Integer, Leaf> byId) {
        if (node.isObject()) {
            int version = node.get("leafVersion").asInt();
            byte[] hash = Taproot.leafHash(version, Hex.decode(node.get("script").asText()));
            byId.put(node.get("id").asInt(), new Leaf(hash, new ArrayList<>(), version));
            return hash;
        }
        TreeMap<Integer, Leaf> left = new TreeMap<>();
        TreeMap<Integer, Leaf> right = new TreeMap<>();
        byte[] l = walk(node.get(0), left);
        byte[] r = walk(node.get(1), right);
        left.values().forEach(leaf -> leaf.path.add(r));
        right.values().forEach(leaf -> leaf.path.add(l));
        byId.putAll(left);
        byId.putAll(right);
        return Taproot.branchHash(l, r);
    }

    private static byte[] controlBlock(Leaf leaf, boolean oddY, byte[] internalKey) {
        ByteWriter w = new ByteWriter(33 + 32 * leaf.path.size());
        w.writeUint8(leaf.version | (oddY ? 1 : 0));
        w.writeBytes(internalKey);
        leaf.path.forEach(w::writeBytes);
        return w.toByteArray();
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = Bip341WalletVectorsTest.class.getResourceAsStream("/bitcoin/bips/bip-0341-wallet-test-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
