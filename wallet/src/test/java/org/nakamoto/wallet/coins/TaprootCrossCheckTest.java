package org.nakamoto.wallet.coins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.SignatureEngine;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptExecutionData;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.chain.script.SigVersion;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.script.TaprootSignatureHash;

/**
 * Wallet-made taproot spends that bitcoinjs-lib and tiny-secp256k1 checked independently
 * ({@code taproot-crosscheck.json}, see PROVENANCE.md): for every taproot input, our BIP86 output key from
 * the internal key, our BIP341 signature hash and both signature engines agree with what they computed
 * and accepted; every input of each transaction (P2PKH, P2SH-P2WPKH and P2WPKH too) verifies in our
 * interpreter with the taproot rules.
 */
class TaprootCrossCheckTest {
    static final EnumSet<ScriptFlag> FLAGS = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT);

    @Test
    void ourSighashesAndSignaturesAgreeWithBitcoinjs() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/taproot-crosscheck.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertTrue(root.get("checked_by").asText().startsWith("bitcoinjs-lib"), root.get("checked_by").asText());
        List<SignatureEngine> engines = new ArrayList<>(List.of(SignatureEngines.java()));
        SignatureEngines.nativeEngine().ifPresent(engines::add);
        int taproot = 0;
        int inputs = 0;
        for (JsonNode t : root.get("transactions")) {
            Transaction tx = Transaction.fromHex(t.get("hex").asText());
            assertEquals(t.get("txid").asText(), tx.txid().toString());
            List<TxOut> spent = new ArrayList<>();
            t.get("prevouts").forEach(p -> spent.add(new TxOut(p.get("value").asLong(), Script.fromHex(p.get("scriptPubKey").asText()))));
            PrecomputedTxData data = new PrecomputedTxData(tx, spent);
            for (int i = 0; i < spent.size(); i++, inputs++) {
                JsonNode p = t.get("prevouts").get(i);
                assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, spent.get(i).scriptPubKey(),
                        spent.get(i).value(), FLAGS, data), t.get("what").asText() + ", input " + i);
                if (!p.has("sighash")) {
                    assertFalse(p.has("internal_key"), "every taproot input was checked");
                    continue;
                }
                taproot++;
                byte[] outputKey = Taproot.outputKey(Hex.decode(p.get("internal_key").asText()), null).xOnly();
                assertEquals(p.get("scriptPubKey").asText(), Hex.encode(Taproot.scriptPubKey(outputKey)));
                assertEquals(TaprootSignatureHash.DEFAULT, p.get("hash_type").asInt());
                byte[] sighash = TaprootSignatureHash.compute(data, i, p.get("hash_type").asInt(), SigVersion.TAPROOT,
                        new ScriptExecutionData());
                assertEquals(p.get("sighash").asText(), Hex.encode(sighash), t.get("what").asText() + ", input " + i);
                byte[] sig = tx.inputs().get(i).witness().get(0);
                assertEquals(64, sig.length);
                for (SignatureEngine e : engines) {
                    assertTrue(e.verifySchnorr(sig, sighash, outputKey), e.name() + ", input " + i);
                    byte[] flipped = sighash.clone();
                    flipped[0] ^= 1;
                    assertFalse(e.verifySchnorr(sig, flipped, outputKey), e.name());
                }
                assertArrayEquals(outputKey, java.util.Arrays.copyOfRange(spent.get(i).scriptPubKey().bytes(), 2, 34));
            }
        }
        assertEquals(6, taproot, "1 + 3 + 2 taproot inputs");
        assertEquals(9, inputs);
    }
}
