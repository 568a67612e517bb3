package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/** The first payment on Bitcoin's chain: block 170 spends block 9's coinbase with a pay-to-pubkey signature. */
class MainnetBlock170Test {
    private static final List<Block> BLOCKS = MainnetBlocks.load();

    private static Transaction spend() {
        return BLOCKS.get(170).transactions().get(1);
    }

    private static Script block9CoinbaseScript() {
        return BLOCKS.get(9).transactions().get(0).outputs().get(0).scriptPubKey();
    }

    @Test
    void theRealSignatureVerifies() {
        assertEquals(439, BLOCKS.size());
        Transaction tx = spend();
        assertEquals("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16", tx.txid().toString());
        Transaction coinbase9 = BLOCKS.get(9).transactions().get(0);
        assertEquals(coinbase9.txid(), tx.inputs().get(0).prevout().txid());
        assertEquals(0, tx.inputs().get(0).prevout().index());
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, 0, block9CoinbaseScript(), Set.of()));
        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, 0, block9CoinbaseScript(), Set.of(ScriptFlag.P2SH)));
    }

    @Test
    void oneChangedSignatureByteFails() {
        Transaction tx = spend();
        byte[] scriptSig = tx.inputs().get(0).scriptSig().bytes();
        // scriptSig = push(len) 30 len 02 rlen r...: change a byte inside r.
        scriptSig[10] ^= 0x01;
        Transaction forged = tx.toBuilder()
                .setInput(0, new TxIn(tx.inputs().get(0).prevout(), Script.of(scriptSig), tx.inputs().get(0).sequence()))
                .build();
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(forged, 0, block9CoinbaseScript(), Set.of()));
    }

    @Test
    void theSignatureDoesNotSignAnotherOutput() {
        Transaction tx = spend();
        Transaction.Builder b = tx.toBuilder();
        b.outputs().set(0, new TxOut(tx.outputs().get(0).value() + 1,
                tx.outputs().get(0).scriptPubKey()));
        assertEquals(ScriptError.EVAL_FALSE, ScriptVerifier.verifyInput(b.build(), 0, block9CoinbaseScript(), Set.of()));
    }

    @Test
    void everyNonCoinbaseInputOfBlocksZeroTo438Verifies() {
        // Spends in the first 439 blocks only reach earlier blocks, so an index of all outputs is enough.
        Map<OutPoint, Script> outputs = new HashMap<>();
        int verified = 0;
        for (Block block : BLOCKS) {
            for (Transaction tx : block.transactions()) {
                if (!tx.isCoinbase()) {
                    for (int i = 0; i < tx.inputs().size(); i++) {
                        Script spent = outputs.get(tx.inputs().get(i).prevout());
                        assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, spent, Set.of()),
                                tx.txid() + ":" + i);
                        verified++;
                    }
                }
                for (int o = 0; o < tx.outputs().size(); o++) {
                    outputs.put(new OutPoint(tx.txid(), o), tx.outputs().get(o).scriptPubKey());
                }
            }
        }
        // Seven payments were made in the chain's first 439 blocks, all pay-to-pubkey.
        assertEquals(7, verified);
    }
}
