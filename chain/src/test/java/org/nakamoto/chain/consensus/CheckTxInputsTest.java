package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.utxo.Coin;

/**
 * The shared input rules on their own, over an in-memory coin map (block and mempool tests drive the same
 * code through a real chain): each rule's reject reason, the fee, and the P2SH sigop count.
 */
class CheckTxInputsTest {
    private static final int MATURITY = 100;
    private static final OutPoint A = new OutPoint(Hash256.fromHex("11".repeat(32)), 0);
    private static final OutPoint B = new OutPoint(Hash256.fromHex("22".repeat(32)), 1);

    private static Coin coin(long value, int height, boolean coinbase) {
        return new Coin(new TxOut(value, BlockBuilder.OP_TRUE), height, coinbase);
    }

    private static CheckTxInputs.Result check(Transaction tx, int height, Map<OutPoint, Coin> coins)
            throws ValidationException {
        Map<OutPoint, Coin> left = new HashMap<>(coins);
        return CheckTxInputs.check(tx, height, MATURITY, left::remove);
    }

    private static RejectReason reason(Transaction tx, int height, Map<OutPoint, Coin> coins) {
        return assertThrows(ValidationException.class, () -> check(tx, height, coins)).reason();
    }

    @Test
    void theFeeIsInputsMinusOutputsAndEveryInputGetsOneScriptCheck() throws Exception {
        Transaction tx = BlockBuilder.spend(List.of(A, B), 7_000, 2, 1_500);
        CheckTxInputs.Result r = check(tx, 500, Map.of(A, coin(3_000, 10, false), B, coin(4_000, 10, true)));
        assertEquals(1_500, r.fee());
        assertEquals(2, r.checks().size());
        assertEquals(1, r.checks().get(1).index());
        assertEquals(4_000, r.checks().get(1).spentValue());
        assertEquals(List.of(coin(3_000, 10, false), coin(4_000, 10, true)), r.spent(), "undo data in input order");
        assertEquals(0, r.p2shSigOps());
        // One shared PrecomputedTxData per transaction, holding every spent output (BIP 341 signs them all):
        // its hashes are computed once, whichever input or thread needs them first.
        PrecomputedTxData data = r.checks().get(0).txData();
        assertSame(data, r.checks().get(1).txData());
        assertTrue(data.hasSpentOutputs());
        assertEquals(new TxOut(4_000, BlockBuilder.OP_TRUE), data.spentOutput(1));
    }

    @Test
    void eachRuleHasItsReason() {
        Transaction tx = BlockBuilder.spend(List.of(A), 5_000, 1, 1_000);
        assertEquals(RejectReason.TX_MISSING_OR_SPENT, reason(tx, 500, Map.of()));
        // a coinbase spends after 100 blocks: at 110 from height 10, not at 109
        assertEquals(RejectReason.TX_PREMATURE_COINBASE_SPEND, reason(tx, 109, Map.of(A, coin(5_000, 10, true))));
        assertEquals(1_000, assertDoesNotThrow(tx, 110, Map.of(A, coin(5_000, 10, true))));
        assertEquals(RejectReason.TX_IN_BELOW_OUT, reason(tx, 500, Map.of(A, coin(3_999, 10, false))));
        assertEquals(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE,
                reason(tx, 500, Map.of(A, coin(Amount.MAX_MONEY + 1, 10, false))));
        // each input in range, their sum not
        Transaction two = BlockBuilder.spend(List.of(A, B), 5_000, 1, 1_000);
        assertEquals(RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE,
                reason(two, 500, Map.of(A, coin(Amount.MAX_MONEY, 10, false), B, coin(1, 10, false))));
        // the same coin twice: the second spend finds it gone (the source spends as it goes)
        Transaction twice = BlockBuilder.spend(List.of(A, A), 5_000, 1, 1_000);
        assertEquals(RejectReason.TX_MISSING_OR_SPENT, reason(twice, 500, Map.of(A, coin(5_000, 10, false))));
    }

    private static long assertDoesNotThrow(Transaction tx, int height, Map<OutPoint, Coin> coins) {
        try {
            return check(tx, height, coins).fee();
        } catch (ValidationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void payToScriptHashInputsCountTheirRedeemScriptsSigOps() throws Exception {
        byte[] redeem = {(byte) 0xac, (byte) 0xac, (byte) 0xac}; // three CHECKSIGs
        Script p2sh = StandardScripts.payToScriptHash(Hashes.hash160(redeem));
        Transaction tx = new Transaction.Builder()
                .addInput(A, Script.of(ScriptCode.pushOf(redeem)))
                .addInput(B, Script.of(ScriptCode.pushOf(redeem)))
                .addOutput(1_000, BlockBuilder.OP_TRUE).build();
        Coin p2shCoin = new Coin(new TxOut(5_000, p2sh), 10, false);
        CheckTxInputs.Result r = check(tx, 500, Map.of(A, p2shCoin, B, coin(5_000, 10, false)));
        assertEquals(3, r.p2shSigOps(), "only the input spending the P2SH output counts");
    }
}
