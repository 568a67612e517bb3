package org.nakamoto.chain.scenario;

import static org.nakamoto.chain.consensus.RejectReason.BAD_COINBASE_HEIGHT;
import static org.nakamoto.chain.consensus.RejectReason.DUPLICATE_TX;
import static org.nakamoto.chain.consensus.RejectReason.SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.TX_NON_BIP68_FINAL;
import static org.nakamoto.chain.consensus.RejectReason.TX_NON_FINAL;
import static org.nakamoto.chain.consensus.RejectReason.TX_SCRIPT_FAILED;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseOut;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseValue;
import static org.nakamoto.chain.scenario.BlockScenarios.SUITE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.SequenceLocks;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.SoftForks;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * Each soft fork as a table on regtest with that fork moved to height {@link #ACTIVATION}: a block just
 * below it carries a transaction breaking the fork's rule and is accepted; a block at it carries the same
 * kind of transaction and is rejected with the fork's reason; an honest block then takes its place. Then
 * BIP30's two ways out (Bitcoin's historic exception blocks, and BIP34's known chain), and the mempool's
 * standard script flags, which refuse what blocks accept.
 */
final class SoftForkScenarios {
    /** The height the fork under test activates at; coinbases mature after 3 blocks, so b1's is spendable at 4. */
    static final int ACTIVATION = 5;
    private static final long FEE = 10_000;

    private SoftForkScenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.add(beforeAndAfter("BIP65 CHECKLOCKTIMEVERIFY", f -> f.withHeights(ACTIVATION, 1, 1, 0),
                lockedBy(0xb1, 100), (input, d) -> Txs.spendTo(input, coinbaseValue(d) - FEE, BlockBuilder.OP_TRUE),
                SCRIPT_FAILED));
        all.add(beforeAndAfter("BIP66 strict DER", f -> f.withHeights(1, ACTIVATION, 1, 0), Sigs.P2PK,
                (input, d) -> Sigs.spend(input, Sigs.P2PK, coinbaseValue(d) - FEE, Sigs.Spelling.NON_DER, false),
                SCRIPT_FAILED));
        all.add(beforeAndAfter("BIP112 CHECKSEQUENCEVERIFY", f -> f.withHeights(1, 1, ACTIVATION, 0),
                lockedBy(0xb2, 10), (input, d) -> version2(input, coinbaseValue(d) - FEE, 0, 0), SCRIPT_FAILED));
        all.add(beforeAndAfter("BIP68 relative lock by height", f -> f.withHeights(1, 1, ACTIVATION, 0),
                BlockBuilder.OP_TRUE, (input, d) -> version2(input, coinbaseValue(d) - FEE, 10, 0), TX_NON_FINAL));
        all.add(beforeAndAfter("BIP68 relative lock by time", f -> f.withHeights(1, 1, ACTIVATION, 0),
                BlockBuilder.OP_TRUE,
                (input, d) -> version2(input, coinbaseValue(d) - FEE, SequenceLocks.TYPE_FLAG | 10, 0), TX_NON_FINAL));
        all.add(bip113());
        all.add(bip34());
        all.add(bip30Exception());
        all.addAll(bip30AfterBip34());
        all.add(standardFlags());
        all.add(nullDummyBeforeSegwit());
        return all;
    }

    /** Builds the spend of a coinbase output (of the block given) that breaks the fork's rule. */
    @FunctionalInterface
    private interface Breaker {
        Transaction spend(OutPoint input, Block fundingBlock);
    }

    /** SUITE with its soft forks changed by {@code change}. */
    static NetworkParams network(Function<SoftForks, SoftForks> change) {
        return SUITE.toBuilder().softForks(change.apply(SUITE.softForks())).build();
    }

    /**
     * b1 and b2 pay their coinbases to {@code lock}; b4 (height 4, below the fork) spends b1's with a
     * breaking transaction and is accepted; at height 5 the same kind of spend of b2's is rejected.
     */
    private static Scenario beforeAndAfter(String name, Function<SoftForks, SoftForks> forks, Script lock,
            Breaker breaker, RejectReason reason) {
        NetworkParams p = network(forks);
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = lock);
        Block b2 = g.block("b2", b1, d -> d.payout = lock);
        Block b3 = g.block("b3", b2);
        Block b4 = g.block("b4", b3, d -> d.txs.add(breaker.spend(coinbaseOut(b1), b1)));
        r.accepted(b1, b2, b3, b4).tip(b4);
        r.rejected(g.block("b5-breaks-" + name, b4, d -> d.txs.add(breaker.spend(coinbaseOut(b2), b2))), reason);
        Block b5 = g.block("b5", b4);
        r.accepted(b5).tip(b5);
        return new Scenario(name + ": accepted below its height, rejected from it", p, r.steps);
    }

    /** [n] OP_CHECKLOCKTIMEVERIFY or OP_CHECKSEQUENCEVERIFY ({@code opcode}) OP_DROP OP_TRUE. */
    private static Script lockedBy(int opcode, int n) {
        return Script.of(new byte[] {0x01, (byte) n, (byte) opcode, 0x75, 0x51});
    }

    private static Transaction version2(OutPoint input, long value, long sequence, long lockTime) {
        return new Transaction.Builder().version(2).lockTime(lockTime)
                .addInput(new TxIn(input, Script.EMPTY, sequence))
                .addOutput(value, BlockBuilder.OP_TRUE).build();
    }

    /**
     * BIP113 (with CSV): a lock time one second before the block's own time is final under the old rule,
     * which compared it with the block's time, and not under the new one, which compares it with the
     * parent's median time past.
     */
    private static Scenario bip113() {
        NetworkParams p = network(f -> f.withHeights(1, 1, ACTIVATION, 0));
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis());
        Block b2 = g.block("b2", b1);
        Block b3 = g.block("b3", b2);
        Block b4 = g.block("b4", b3, d -> d.txs.add(Txs.raw(List.of(coinbaseOut(b1)), List.of(coinbaseValue(b1) - FEE),
                d.time - 1, 0)));
        r.accepted(b1, b2, b3, b4).tip(b4);
        r.rejected(g.block("b5-time-locked", b4, d -> d.txs.add(Txs.raw(List.of(coinbaseOut(b2)),
                List.of(coinbaseValue(b2) - FEE), d.time - 1, 0))), TX_NON_FINAL);
        Block b5 = g.block("b5", b4);
        r.accepted(b5).tip(b5);
        // BIP68 at its boundary: b2's coin (height 2) locked for 3 blocks may go into height 2 + 3 = 5.
        Block b6 = g.block("b6", b5, d -> d.txs.add(version2(coinbaseOut(b2), coinbaseValue(b2) - FEE, 3, 0)));
        r.accepted(b6).tip(b6);
        return new Scenario("BIP113 median-time-past lock times", p, r.steps);
    }

    /** BIP34: a coinbase that does not start with the block height is fine below the height, not from it. */
    private static Scenario bip34() {
        NetworkParams p = SUITE.toBuilder().bip34Height(ACTIVATION).build();
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block b3 = g.chain("b", g.genesis(), 3);
        Block b4 = g.block("b4", b3, d -> d.coinbaseScriptSig = new byte[] {0x02, 0x07, 0x04});
        r.accepted(g.get("b1"), g.get("b2"), b3, b4).tip(b4);
        r.rejected(g.block("b5-no-height", b4, d -> d.coinbaseScriptSig = new byte[] {0x02, 0x07, 0x05}),
                BAD_COINBASE_HEIGHT);
        Block b5 = g.block("b5", b4);
        r.accepted(b5).tip(b5);
        return new Scenario("BIP34 coinbase height: accepted below its height, rejected from it", p, r.steps);
    }

    /**
     * Before BIP34 two blocks may carry the same coinbase. BIP30 refuses the second unless the network
     * lists it as one of the historic exceptions (Bitcoin's 91,842 and 91,880), which overwrote the first.
     */
    private static Scenario bip30Exception() {
        NetworkParams noBip34 = SUITE.toBuilder().bip34Height(1_000).build();
        BlockGen g = new BlockGen(noBip34);
        Rows r = new Rows(g);
        Transaction cb = BlockGen.coinbase(new byte[] {0x01, 0x2b}, noBip34.subsidyAt(1), Txs.OP_FALSE);
        Block d1 = g.block("d1", g.genesis(), d -> d.allTxs = List.of(cb));
        Block d2 = g.block("d2", d1, d -> d.allTxs = List.of(cb));
        NetworkParams p = noBip34.toBuilder()
                .softForks(noBip34.softForks().withBip30Exceptions(Map.of(2, d2.hash()))).build();
        r.accepted(d1, d2).tip(d2);
        return new Scenario("BIP30 historic exception block", p, r.steps);
    }

    /**
     * Core skips BIP30's lookups on the network's known chain past BIP34 (its block at the BIP34 height
     * is {@code bip34Hash}): a coinbase from before BIP34 that happens to name a later height may then be
     * repeated at that height, overwriting it, as Core would allow. Off that chain BIP30 still refuses it.
     */
    private static List<Scenario> bip30AfterBip34() {
        NetworkParams base = SUITE.toBuilder().bip34Height(3).build();
        BlockGen g = new BlockGen(base);
        Rows r = new Rows(g);
        ByteWriter sig = new ByteWriter();
        sig.writeBytes(CoinbaseHeight.encode(4)).writeUint8(1).writeUint8(0x77);
        Transaction early = BlockGen.coinbase(sig.toByteArray(), base.subsidyAt(1), Txs.OP_FALSE);
        Block k1 = g.block("k1", g.genesis(), d -> d.allTxs = List.of(early));
        Block k2 = g.block("k2", k1);
        Block k3 = g.block("k3", k2);
        Block repeat = g.block("k4-repeats-k1", k3, d -> d.allTxs = List.of(early));
        r.accepted(k1, k2, k3);
        List<Step> offChain = new ArrayList<>(r.steps);
        SoftForks f = base.softForks();
        NetworkParams known = base.toBuilder().softForks(new SoftForks(3, k3.hash(), f.bip65Height(), f.bip66Height(),
                f.csvHeight(), f.segwitHeight(), f.taprootHeight(), Map.of(), Map.of())).build();
        r.accepted(repeat).tip(repeat);
        Rows off = new Rows(g);
        off.steps.addAll(offChain);
        off.rejected(repeat, DUPLICATE_TX).tip(k3);
        return List.of(new Scenario("BIP30 after BIP34 on the known chain: not checked, as in Core", known, r.steps),
                new Scenario("BIP30 after BIP34 off the known chain: checked", base, off.steps));
    }

    /**
     * Core's standard flags in the mempool, on Bitcoin regtest (segwit from genesis): a high-S signature,
     * a non-minimal push and a non-null CHECKMULTISIG dummy are refused with Core's
     * "mempool-script-verify-flag-failed (...)", and so is a BIP68-locked spend at the next block. The
     * first two are valid in blocks (policy is not consensus); the dummy is consensus since segwit, as in Core.
     */
    private static Scenario standardFlags() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = Sigs.P2PK);
        Block b2 = g.block("b2", b1);
        Block b3 = g.block("b3", b2, d -> d.payout = Sigs.MULTISIG);
        Block b6 = g.chain("b", b3, 3);
        r.accepted(b1, b2, b3, g.get("b4"), g.get("b5"), b6).tip(b6);
        Transaction highS = Sigs.spend(coinbaseOut(b1), Sigs.P2PK, coinbaseValue(b1) - FEE, Sigs.Spelling.HIGH_S, false);
        // OP_PUSHDATA1 for one byte: valid, but not the shortest push, under OP_TRUE.
        Transaction nonMinimal = new Transaction.Builder()
                .addInput(new TxIn(coinbaseOut(b2), Script.of(new byte[] {0x4c, 0x01, 0x05}), TxIn.SEQUENCE_FINAL))
                .addOutput(coinbaseValue(b2) - FEE, BlockBuilder.OP_TRUE).build();
        Transaction dummy = Sigs.spend(coinbaseOut(b3), Sigs.MULTISIG, coinbaseValue(b3) - FEE, Sigs.Spelling.STRICT, true);
        Block b4 = g.get("b4");
        Transaction relativeLock = version2(coinbaseOut(b4), coinbaseValue(b4) - FEE, 10, 0);
        r.txRejected("high-S signature", highS, TX_SCRIPT_FAILED);
        r.txRejected("non-minimal push", nonMinimal, TX_SCRIPT_FAILED);
        r.txRejected("non-null CHECKMULTISIG dummy", dummy, TX_SCRIPT_FAILED);
        r.txRejected("relative lock of 10 blocks on a 3-deep coin", relativeLock, TX_NON_BIP68_FINAL);
        r.poolSize(0);
        r.rejected(g.block("b7-null-dummy", b6, d -> d.txs.add(dummy)), SCRIPT_FAILED);
        Block b7 = g.block("b7", b6, d -> d.txs.addAll(List.of(highS, nonMinimal)));
        r.accepted(b7).tip(b7);
        return new Scenario("standard script flags refuse what blocks accept", SUITE, r.steps);
    }

    /** Before segwit's height NULLDUMMY is policy only: the non-null dummy the mempool refuses is valid in a block. */
    private static Scenario nullDummyBeforeSegwit() {
        NetworkParams p = network(f -> f.withHeights(1, 1, 1, 1_000));
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = Sigs.MULTISIG);
        Block b4 = g.chain("b", b1, 3);
        r.accepted(b1, g.get("b2"), g.get("b3"), b4);
        Transaction dummy = Sigs.spend(coinbaseOut(b1), Sigs.MULTISIG, coinbaseValue(b1) - FEE, Sigs.Spelling.STRICT, true);
        r.txRejected("non-null CHECKMULTISIG dummy", dummy, TX_SCRIPT_FAILED);
        Block b5 = g.block("b5", b4, d -> d.txs.add(dummy));
        r.accepted(b5).tip(b5);
        return new Scenario("NULLDUMMY before segwit: policy, not consensus", p, r.steps);
    }
}
