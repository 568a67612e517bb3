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
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_INPUTS;
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
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
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
        return List.of(relayRules(), fullPool());
    }

    /**
     * On a chain of 8 blocks (next height 9): coinbases of b1 to b6 are mature, b7's is not, b3 pays
     * its coinbase to OP_0.
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
        r.txRejected("over 100,000 bytes", Txs.ofSize((int) (MempoolPolicy.MAX_STANDARD_TX_WEIGHT / 4) + 1, cb1, v - 200_000),
                TX_NONSTANDARD_SIZE);
        Transaction bigScriptSig = new Transaction.Builder()
                .addInput(cb1, Script.of(ScriptCode.pushOf(new byte[MempoolPolicy.MAX_STANDARD_SCRIPTSIG_SIZE])))
                .addOutput(v - 10_000, BlockBuilder.OP_TRUE).build();
        r.txRejected("scriptSig over 1,650 bytes", bigScriptSig, TX_NONSTANDARD_SCRIPTSIG_SIZE);
        Transaction opNop = new Transaction.Builder().addInput(cb1, Script.of(new byte[] {0x61}))
                .addOutput(v - 10_000, BlockBuilder.OP_TRUE).build();
        r.txRejected("OP_NOP in a scriptSig", opNop, TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY);
        Transaction unsignedLike = Txs.withOutputs(cb1, 1000, v - 11_000);
        r.txRejected("version 4", unsignedLike.toBuilder().version(4).build(), TX_NONSTANDARD_VERSION);
        r.txRejected("version 0", unsignedLike.toBuilder().version(0).build(), TX_NONSTANDARD_VERSION);
        r.txRejected("version -1", unsignedLike.toBuilder().version(-1).build(), TX_NONSTANDARD_VERSION);

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

        // A pay-to-script-hash output whose redeem script runs 16 sigops: over the 15 relay allows per input.
        byte[] redeem = Txs.checkSigs(16);
        Block b4 = g.get("b4");
        Transaction funding = Txs.spendTo(coinbaseOut(b4), coinbaseValue(b4) - 10_000,
                StandardScripts.payToScriptHash(Hashes.hash160(redeem)));
        Block b9 = g.block("b9", b8, d -> d.txs.add(funding));
        r.accepted(b9).tip(b9);
        Transaction p2shSpend = new Transaction.Builder()
                .addInput(new OutPoint(funding.txid(), 0), Script.of(ScriptCode.pushOf(redeem)))
                .addOutput(funding.outputs().get(0).value() - 10_000, BlockBuilder.OP_TRUE)
                .build();
        r.txRejected("16 sigops in a P2SH input", p2shSpend, TX_NONSTANDARD_INPUTS);
        r.txRejected("the funding, now in b9", funding, TX_ALREADY_CONFIRMED);
        r.poolSize(1);
        return new Scenario("relay rules", SUITE, r.steps);
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
        MempoolPolicy tiny = new MempoolPolicy(1000, rich.size() + poor.size() - 1, 100, 100_000);
        r.txAccepted("high fee rate", rich);
        r.txRejected("low fee rate", poor, TX_MEMPOOL_FULL);
        r.poolSize(1);
        return new Scenario("a full mempool", SUITE, tiny, r.steps);
    }
}
