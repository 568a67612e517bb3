package org.nakamoto.chain.scenario;

import static org.nakamoto.chain.consensus.RejectReason.TX_SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.TX_ALREADY_CONFIRMED;
import static org.nakamoto.chain.consensus.RejectReason.TX_ALREADY_KNOWN;
import static org.nakamoto.chain.consensus.RejectReason.TX_COINBASE_LOOSE;
import static org.nakamoto.chain.consensus.RejectReason.TX_FEE_TOO_LOW;
import static org.nakamoto.chain.consensus.RejectReason.TX_IN_BELOW_OUT;
import static org.nakamoto.chain.consensus.RejectReason.TX_MEMPOOL_CONFLICT;
import static org.nakamoto.chain.consensus.RejectReason.TX_MEMPOOL_FULL;
import static org.nakamoto.chain.consensus.RejectReason.TX_MISSING_OR_SPENT;
import static org.nakamoto.chain.consensus.RejectReason.TX_NEGATIVE_OUTPUT;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_BARE_MULTISIG;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_DATACARRIER;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_DUST;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_INPUTS;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_SCRIPTSIG_SIZE;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_SIZE;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_VERSION;
import static org.nakamoto.chain.consensus.RejectReason.TX_NON_FINAL;
import static org.nakamoto.chain.consensus.RejectReason.TX_ORPHAN;
import static org.nakamoto.chain.consensus.RejectReason.TX_OVERSIZE;
import static org.nakamoto.chain.consensus.RejectReason.TX_PREMATURE_COINBASE_SPEND;
import static org.nakamoto.chain.consensus.RejectReason.TX_TOO_MANY_SIGOPS;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseOut;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseValue;
import static org.nakamoto.chain.scenario.BlockScenarios.SUITE;

import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.ScriptBuilder;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * The reasons only relay can give, as the same kind of table, through the mempool's public
 * {@link Mempool#accept}: a block is never refused for policy, and a transaction larger than a block
 * makes its block too large before the transaction's own size is checked. Each transaction breaks one
 * rule; rows that admit transactions set up the ones after them.
 */
final class TxScenarios {
    private TxScenarios() {
    }

    static List<Scenario> all() {
        return List.of(relayRules(), standardness(), fullPool());
    }

    /**
     * The mempool's mechanics, standardness aside (the pool accepts non-standard transactions, as Core's
     * -acceptnonstdtxn=1): on a chain of 8 blocks (next height 9), coinbases of b1 to b6 are mature, b7's
     * is not, b3 pays its coinbase to OP_0.
     */
    static Scenario relayRules() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b2 = g.block("b2", g.block("b1", g.genesis()));
        Block b3 = g.block("b3", b2, d -> d.payout = Txs.OP_FALSE);
        Block b8 = g.chain("b", b3, 5);
        for (int h = 1; h <= 8; h++) {
            r.accepted(g.get("b" + h));
        }
        Block b1 = g.get("b1");
        OutPoint cb1 = coinbaseOut(b1);
        OutPoint cb2 = coinbaseOut(b2);
        long v = coinbaseValue(b1);

        r.txRejected("a coinbase", BlockGen.coinbase(new byte[] {0x01, 0x09}, v, Txs.OP_FALSE), TX_COINBASE_LOOSE);
        r.txRejected("negative output", Txs.withOutputs(cb1, -1, 1000), TX_NEGATIVE_OUTPUT);
        r.txRejected("larger than a block", Txs.ofSize(SUITE.maxBlockSize() + 1, cb1, v - 2_000_000), TX_OVERSIZE);
        Transaction t1 = Txs.withOutputs(cb1, 1000, v - 11_000);
        r.txAccepted("spend b1's coinbase", t1);
        r.txRejected("again", t1, TX_ALREADY_KNOWN);
        r.txRejected("b1's coinbase again, other fee", Txs.spend(v, 20_000, cb1), TX_MEMPOOL_CONFLICT);
        r.txRejected("an output t1 does not have", Txs.spend(1000, 500, new OutPoint(t1.txid(), 5)), TX_MISSING_OR_SPENT);
        r.txRejected("unknown parent", Txs.spend(1000, 500, Txs.unknownOutput(3)), TX_ORPHAN);
        r.txRejected("lock time at the next height", Txs.raw(List.of(cb2), List.of(v - 10_000), 9, 0), TX_NON_FINAL);
        Block b7 = g.get("b7");
        r.txRejected("b7's coinbase", Txs.spend(coinbaseValue(b7), 10_000, coinbaseOut(b7)), TX_PREMATURE_COINBASE_SPEND);
        r.txRejected("outputs over inputs", Txs.spend(v + 1, 0, cb2), TX_IN_BELOW_OUT);
        r.txRejected("no fee", Txs.spend(v, 0, cb2), TX_FEE_TOO_LOW);
        r.txRejected("4,001 sigops", Txs.spendTo(cb2, v - 100_000, Script.of(Txs.checkSigs(4_001))), TX_TOO_MANY_SIGOPS);
        r.txRejected("b3's coinbase, locked to OP_0", Txs.spend(coinbaseValue(b3), 10_000, coinbaseOut(b3)), TX_SCRIPT_FAILED);

        r.poolSize(1);
        return new Scenario("relay rules", SUITE, r.steps);
    }

    /** Spends a {@link Txs#P2WSH_OP_TRUE} coin (witness [OP_TRUE]) into the given outputs. */
    private static Transaction spendWsh(OutPoint coin, TxOut... outputs) {
        Transaction.Builder b = new Transaction.Builder()
                .addInput(new TxIn(coin, Script.EMPTY, TxIn.SEQUENCE_FINAL, Witness.of(Txs.OP_TRUE_SCRIPT)));
        for (TxOut o : outputs) {
            b.addOutput(o);
        }
        return b.build();
    }

    /** OP_RETURN and one push of {@code n} zero bytes: a data carrier (NULL_DATA) output script. */
    private static Script opReturn(int n) {
        return Script.of(new ByteWriter().writeUint8(Opcodes.OP_RETURN).writeBytes(ScriptCode.pushOf(new byte[n]))
                .toByteArray());
    }

    /**
     * Core's IsStandardTx and AreInputsStandard, required (-acceptnonstdtxn=0), with -datacarriersize=83
     * and -permitbaremultisig=0 so that those rules can be reached (by default a data carrier over
     * 100,000 bytes makes the transaction too large first). On a chain of 8 blocks whose mature
     * coinbases pay a standard P2WSH(OP_TRUE), except b3 (bare OP_TRUE) and b4 (a witness v2 program).
     */
    static Scenario standardness() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b2 = g.block("b2", g.block("b1", g.genesis(), d -> d.payout = Txs.P2WSH_OP_TRUE),
                d -> d.payout = Txs.P2WSH_OP_TRUE);
        Script v2 = Script.of(new ByteWriter().writeUint8(Opcodes.OP_2).writeUint8(32).writeBytes(new byte[32])
                .toByteArray());
        Block b4 = g.block("b4", g.block("b3", b2), d -> d.payout = v2);
        Block b5 = g.block("b5", b4, d -> d.payout = Txs.P2WSH_OP_TRUE);
        Block b8 = g.chain("b", b5, 3);
        for (int h = 1; h <= 8; h++) {
            r.accepted(g.get("b" + h));
        }
        OutPoint cb1 = coinbaseOut(g.get("b1"));
        long v = coinbaseValue(g.get("b1"));
        long fee = 10_000;

        r.txRejected("over 100,000 bytes", Txs.ofSize((int) (MempoolPolicy.MAX_STANDARD_TX_WEIGHT / 4) + 1, cb1, v - 200_000),
                TX_NONSTANDARD_SIZE);
        Transaction bigScriptSig = new Transaction.Builder()
                .addInput(cb1, Script.of(ScriptCode.pushOf(new byte[MempoolPolicy.MAX_STANDARD_SCRIPTSIG_SIZE])))
                .addOutput(v - 10_000, Txs.P2WSH_OP_TRUE).build();
        r.txRejected("scriptSig over 1,650 bytes", bigScriptSig, TX_NONSTANDARD_SCRIPTSIG_SIZE);
        Transaction opNop = new Transaction.Builder().addInput(cb1, Script.of(new byte[] {0x61}))
                .addOutput(v - 10_000, Txs.P2WSH_OP_TRUE).build();
        r.txRejected("OP_NOP in a scriptSig", opNop, TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY);
        Transaction plain = spendWsh(cb1, new TxOut(v - fee, Txs.P2WSH_OP_TRUE));
        r.txRejected("version 4", plain.toBuilder().version(4).build(), TX_NONSTANDARD_VERSION);
        r.txRejected("version 0", plain.toBuilder().version(0).build(), TX_NONSTANDARD_VERSION);
        r.txRejected("version -1", plain.toBuilder().version(-1).build(), TX_NONSTANDARD_VERSION);

        r.txRejected("pays to bare OP_TRUE", spendWsh(cb1, new TxOut(v - fee, BlockBuilder.OP_TRUE)),
                TX_NONSTANDARD_SCRIPTPUBKEY);
        byte[] key = Sigs.KEY.publicKeyBytes(true);
        Script twoOfFour = new ScriptBuilder().op(Opcodes.OP_2).data(key).data(key).data(key).data(key)
                .op(Opcodes.smallInt(4)).op(Opcodes.OP_CHECKMULTISIG).build();
        r.txRejected("pays to a bare 2-of-4 multisig", spendWsh(cb1, new TxOut(v - fee, twoOfFour)),
                TX_NONSTANDARD_SCRIPTPUBKEY);
        Script oneOfTwo = new ScriptBuilder().op(Opcodes.OP_1).data(key).data(key).op(Opcodes.OP_2)
                .op(Opcodes.OP_CHECKMULTISIG).build();
        r.txRejected("pays to a bare 1-of-2 multisig under -permitbaremultisig=0",
                spendWsh(cb1, new TxOut(v - fee, oneOfTwo)), TX_NONSTANDARD_BARE_MULTISIG);
        r.txRejected("two OP_RETURN outputs of 50 bytes, 100 of the 83 allowed together",
                spendWsh(cb1, new TxOut(v - fee, Txs.P2WSH_OP_TRUE), new TxOut(0, opReturn(48)),
                        new TxOut(0, opReturn(48))), TX_NONSTANDARD_DATACARRIER);
        // P2WSH's dust threshold at 3000 sat/kvB: (43 + 67) * 3 = 330.
        r.txRejected("two dust outputs", spendWsh(cb1, new TxOut(v - fee - 658, Txs.P2WSH_OP_TRUE),
                new TxOut(329, Txs.P2WSH_OP_TRUE), new TxOut(329, Txs.P2WSH_OP_TRUE)), TX_NONSTANDARD_DUST);
        r.txRejected("one dust output on a transaction paying a fee", spendWsh(cb1,
                new TxOut(v - fee - 329, Txs.P2WSH_OP_TRUE), new TxOut(329, Txs.P2WSH_OP_TRUE)), TX_NONSTANDARD_DUST);

        Block b3 = g.get("b3");
        r.txRejected("spends a bare OP_TRUE output", Txs.spendTo(coinbaseOut(b3), coinbaseValue(b3) - fee,
                Txs.P2WSH_OP_TRUE), TX_NONSTANDARD_INPUTS);
        r.txRejected("spends a witness v2 output", Txs.spendTo(coinbaseOut(b4), coinbaseValue(b4) - fee,
                Txs.P2WSH_OP_TRUE), TX_NONSTANDARD_INPUTS);
        // A pay-to-script-hash output whose redeem script runs 16 sigops: over the 15 relay allows per input.
        byte[] redeem = Txs.checkSigs(16);
        Transaction funding = spendWsh(coinbaseOut(b5), new TxOut(coinbaseValue(b5) - fee,
                StandardScripts.payToScriptHash(Hashes.hash160(redeem))));
        Block b9 = g.block("b9", b8, d -> d.txs.add(funding), SegwitScenarios.committed());
        r.accepted(b9).tip(b9);
        Transaction p2shSpend = new Transaction.Builder()
                .addInput(new OutPoint(funding.txid(), 0), Script.of(ScriptCode.pushOf(redeem)))
                .addOutput(funding.outputs().get(0).value() - fee, Txs.P2WSH_OP_TRUE)
                .build();
        r.txRejected("16 sigops in a P2SH input", p2shSpend, TX_NONSTANDARD_INPUTS);
        r.txRejected("the funding, now in b9", funding, TX_ALREADY_CONFIRMED);
        r.poolSize(0);
        // OP_RETURN + OP_PUSHDATA1 + 80 bytes: 83, all the data carrier budget.
        r.txAccepted("standard outputs, 83 bytes of OP_RETURN", spendWsh(cb1, new TxOut(v - fee, Txs.P2WSH_OP_TRUE),
                new TxOut(0, opReturn(80))));
        r.poolSize(1);
        return new Scenario("standardness: outputs, spent outputs, data carriers and dust", SUITE,
                MempoolPolicy.DEFAULT.withMaxDatacarrierBytes(83).withPermitBareMultisig(false), r.steps);
    }

    /** A pool capped below two transactions evicts the newcomer when it pays the lower fee rate. */
    static Scenario fullPool() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b5 = g.chain("b", g.genesis(), 5);
        r.accepted(g.get("b1"), g.get("b2"), g.get("b3"), g.get("b4"), b5);
        Block b1 = g.get("b1");
        Block b2 = g.get("b2");
        Transaction rich = Txs.spend(coinbaseValue(b1), 10_000, coinbaseOut(b1));
        Transaction poor = Txs.spend(coinbaseValue(b2), 1_000, coinbaseOut(b2));
        MempoolPolicy tiny = new MempoolPolicy(1000, rich.size() + poor.size() - 1, 100, 100_000).acceptNonStandard();
        r.txAccepted("high fee rate", rich);
        r.txRejected("low fee rate", poor, TX_MEMPOOL_FULL);
        r.poolSize(1);
        return new Scenario("a full mempool", SUITE, tiny, r.steps);
    }
}
