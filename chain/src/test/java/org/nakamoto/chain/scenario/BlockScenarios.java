package org.nakamoto.chain.scenario;

import static org.nakamoto.chain.consensus.RejectReason.BAD_BITS_ENCODING;
import static org.nakamoto.chain.consensus.RejectReason.BAD_BLOCK_LENGTH;
import static org.nakamoto.chain.consensus.RejectReason.BAD_COINBASE_AMOUNT;
import static org.nakamoto.chain.consensus.RejectReason.BAD_COINBASE_HEIGHT;
import static org.nakamoto.chain.consensus.RejectReason.BAD_COINBASE_LENGTH;
import static org.nakamoto.chain.consensus.RejectReason.BAD_DIFFBITS;
import static org.nakamoto.chain.consensus.RejectReason.BAD_MERKLE_ROOT;
import static org.nakamoto.chain.consensus.RejectReason.BAD_SIGOPS;
import static org.nakamoto.chain.consensus.RejectReason.BAD_VERSION;
import static org.nakamoto.chain.consensus.RejectReason.CHECKPOINT_MISMATCH;
import static org.nakamoto.chain.consensus.RejectReason.DUPLICATE_BLOCK;
import static org.nakamoto.chain.consensus.RejectReason.DUPLICATE_TX;
import static org.nakamoto.chain.consensus.RejectReason.FIRST_TX_NOT_COINBASE;
import static org.nakamoto.chain.consensus.RejectReason.HIGH_HASH;
import static org.nakamoto.chain.consensus.RejectReason.MULTIPLE_COINBASE;
import static org.nakamoto.chain.consensus.RejectReason.MUTATED_MERKLE;
import static org.nakamoto.chain.consensus.RejectReason.PREV_BLOCK_INVALID;
import static org.nakamoto.chain.consensus.RejectReason.PREV_BLOCK_MISMATCH;
import static org.nakamoto.chain.consensus.RejectReason.PREV_BLOCK_NOT_FOUND;
import static org.nakamoto.chain.consensus.RejectReason.SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.TIME_TOO_NEW;
import static org.nakamoto.chain.consensus.RejectReason.TIME_TOO_OLD;
import static org.nakamoto.chain.consensus.RejectReason.TX_DUPLICATE_INPUTS;
import static org.nakamoto.chain.consensus.RejectReason.TX_INPUT_VALUES_OUT_OF_RANGE;
import static org.nakamoto.chain.consensus.RejectReason.TX_IN_BELOW_OUT;
import static org.nakamoto.chain.consensus.RejectReason.TX_MISSING_OR_SPENT;
import static org.nakamoto.chain.consensus.RejectReason.TX_NEGATIVE_OUTPUT;
import static org.nakamoto.chain.consensus.RejectReason.TX_NON_FINAL;
import static org.nakamoto.chain.consensus.RejectReason.TX_NO_INPUTS;
import static org.nakamoto.chain.consensus.RejectReason.TX_NO_OUTPUTS;
import static org.nakamoto.chain.consensus.RejectReason.TX_NULL_PREVOUT;
import static org.nakamoto.chain.consensus.RejectReason.TX_OUTPUT_TOO_LARGE;
import static org.nakamoto.chain.consensus.RejectReason.TX_OUTPUT_TOTAL_TOO_LARGE;
import static org.nakamoto.chain.consensus.RejectReason.TX_PREMATURE_COINBASE_SPEND;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseOut;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseValue;

import java.util.List;
import java.util.TreeMap;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.HeaderChainValidator;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Full-block scenarios in the spirit of btcd's fullblocktests: each is a list of rows, "accepted",
 * "rejected with reason R", "orphan", "expected tip", run in order on one chain. Every block is valid
 * but for the one fault its row names, so a row fails if the rule it names stops firing, fires late
 * (another rule gets there first) or the fork choice moves the tip somewhere else.
 */
final class BlockScenarios {
    /** Regtest with coinbases mature after 3 blocks, so spends need short chains. */
    static final NetworkParams SUITE = TestNetworks.withMaturity(TestNetworks.regtest(), 3);

    private BlockScenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new java.util.ArrayList<>(List.of(forksAndReorganisations(), invalidSideBranch(),
                mutatedCopies(), headerRules(), checkpoints(), bodyRules(), duplicateCoinbaseBeforeBip34(),
                inputValuesOutOfRange()));
        all.addAll(SoftForkScenarios.all());
        all.addAll(SegwitScenarios.all());
        all.addAll(TaprootScenarios.all());
        return all;
    }

    /** A side branch overtakes the main one (with an orphan on the way), then the main branch wins back. */
    static Scenario forksAndReorganisations() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis());
        Block b2 = g.block("b2", b1);
        Block b3 = g.block("b3", b2);
        r.accepted(b1, b2, b3).tip(b3);
        // Each branch spends the coinbase of b1 at height 4: a reorganisation must restore it.
        Block s2 = g.block("s2", b1);
        Block s3 = g.block("s3", s2);
        Block s4 = g.block("s4", s3, d -> d.txs.add(Txs.spend(coinbaseValue(b1), 1000, coinbaseOut(b1))));
        r.accepted(s2).tip(b3);
        r.orphaned(s4).tip(b3);
        r.accepted(s3).tip(s4); // s3 brings its waiting child: the side branch is now longer
        Block b4 = g.block("b4", b3, d -> d.txs.add(Txs.spend(coinbaseValue(b1), 2000, coinbaseOut(b1))));
        Block b5 = g.block("b5", b4);
        r.headerAccepted(b4).tip(s4); // a header alone moves nothing
        r.accepted(b4); // equal work with s4: the tie rule decides, not this table
        r.accepted(b5).tip(b5);
        return new Scenario("forks and reorganisations", SUITE, r.steps);
    }

    /**
     * A side branch holds a block that is valid until connected. When its branch becomes the best the
     * reorganisation fails on it, it and its descendants are marked invalid and the tip goes back.
     */
    static Scenario invalidSideBranch() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b4 = g.chain("b", g.genesis(), 4);
        r.accepted(g.get("b1"), g.get("b2"), g.get("b3"), b4).tip(b4);
        Block s2 = g.block("s2", g.get("b1"));
        Block s3 = g.block("s3", s2, d -> d.txs.add(Txs.spend(1000, 0, Txs.unknownOutput(1))));
        Block s4 = g.block("s4", s3);
        Block s5 = g.block("s5", s4);
        r.accepted(s2, s3).tip(b4); // s3 is stored, not connected: nothing has checked its inputs yet
        r.headerAccepted(s4).headerAccepted(s5);
        r.accepted(s5).tip(b4); // its parent's body is missing, so the branch cannot be connected yet
        r.rejected(s4, PREV_BLOCK_INVALID).tip(b4); // now it can: s3 fails, the tip returns to b4
        r.duplicate(s3); // stored, so answered as a duplicate (its failure is cached in the block tree)
        r.headerRejected(s5, DUPLICATE_BLOCK);
        Block s6 = g.block("s6", s5);
        r.rejected(s6, PREV_BLOCK_INVALID);
        r.headerRejected(s6, PREV_BLOCK_INVALID);
        Block b5 = g.block("b5", b4);
        r.accepted(b5).tip(b5);
        return new Scenario("a reorganisation onto an invalid block", SUITE, r.steps);
    }

    /**
     * Copies of a block altered in flight are refused without marking the block's hash invalid, so the
     * genuine block, sent afterwards, is accepted (Core's BLOCK_MUTATED; CVE-2012-2459).
     */
    static Scenario mutatedCopies() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b4 = g.chain("b", g.genesis(), 4);
        Block b1 = g.get("b1");
        r.accepted(b1, g.get("b2"), g.get("b3"), b4);
        Transaction t1 = Txs.withOutputs(coinbaseOut(b1), 1000, coinbaseValue(b1) - 2000);
        Transaction t2 = Txs.spend(1000, 100, new OutPoint(t1.txid(), 0));
        Block genuine = g.block("b5", b4, d -> d.txs.addAll(List.of(t1, t2)));
        Block repeated = g.withBody("b5-repeated-last", genuine, txs -> {
            txs.add(t2); // [cb, t1, t2, t2] has the merkle root of [cb, t1, t2]
            return txs;
        });
        Block shortened = g.withBody("b5-without-t2", genuine, txs -> txs.subList(0, 2));
        r.rejected(repeated, MUTATED_MERKLE).rejected(shortened, BAD_MERKLE_ROOT).tip(b4);
        r.accepted(genuine).tip(genuine);
        return new Scenario("mutated copies of a block", SUITE, r.steps);
    }

    /** Header rules, each broken alone by a block on b2; none of them marks anything invalid. */
    static Scenario headerRules() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis());
        Block b2 = g.block("b2", b1);
        r.accepted(b1, b2);
        Block highHash = g.block("high-hash", b2, d -> d.missTarget = true);
        r.rejected(highHash, HIGH_HASH).rejected(highHash, HIGH_HASH); // not cached: no proof of work, no entry
        r.rejected(g.block("easier-bits", b2, d -> d.bits = 0x2100ffffL), BAD_BITS_ENCODING); // above powLimit
        r.rejected(g.block("harder-bits", b2, d -> d.bits = 0x207ffffeL), BAD_DIFFBITS);
        r.rejected(g.block("at-median", b2, d -> d.time = d.medianTimePast), TIME_TOO_OLD);
        r.rejected(g.block("version-1", b2, d -> d.version = 1), BAD_VERSION);
        Block future = g.block("future", b2, d -> d.time = TestChain.NOW + HeaderChainValidator.MAX_FUTURE_BLOCK_TIME + 1);
        r.rejected(future, TIME_TOO_NEW).tip(b2);
        Block unknownParent = g.block("u2", b1);
        Block orphan = g.block("o3", unknownParent);
        Block orphanChild = g.block("o4", orphan);
        r.headerRejected(orphan, PREV_BLOCK_NOT_FOUND);
        r.orphaned(orphan).orphaned(orphanChild).tip(b2);
        // A header handed to the rules as the child of a block it does not name as parent.
        r.rulesRejected(g.block("b3", b2), b1, PREV_BLOCK_MISMATCH);
        // Our clock was behind: once it catches up, the future block is valid (it was never marked).
        r.clock(TestChain.NOW + 2);
        r.accepted(future).tip(future);
        r.accepted(unknownParent).tip(orphanChild); // the orphans follow their parent and make the longest branch
        return new Scenario("header rules", SUITE, r.steps);
    }

    static Scenario checkpoints() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block c1 = g.block("c1", g.genesis());
        Block c2 = g.block("c2", c1);
        Block other2 = g.block("x2", c1);
        TreeMap<Integer, Hash256> checkpoints = new TreeMap<>();
        checkpoints.put(2, c2.hash());
        NetworkParams p = Txs.network(SUITE, SUITE.coinbaseMaturity(), SUITE.bip34Height(), SUITE.initialSubsidy(),
                checkpoints);
        r.accepted(c1).rejected(other2, CHECKPOINT_MISMATCH).accepted(c2).tip(c2);
        return new Scenario("checkpoints", p, r.steps);
    }

    /**
     * Block and transaction rules, each broken alone by a block at height 5 on b4, where the coinbases
     * of b1 and b2 are mature and b3's is not. b2 pays its coinbase to OP_0.
     */
    static Scenario bodyRules() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis());
        Block b2 = g.block("b2", b1, d -> d.payout = Txs.OP_FALSE);
        Block b3 = g.block("b3", b2);
        Block b4 = g.block("b4", b3);
        r.accepted(b1, b2, b3, b4);
        OutPoint cb1 = coinbaseOut(b1);
        long v1 = coinbaseValue(b1);

        // Context-free block rules (Core's CheckBlock)
        r.rejected(g.block("empty", b4, d -> d.allTxs = List.of()), BAD_BLOCK_LENGTH);
        Transaction nearlyMaxSize = Txs.ofSize(SUITE.maxBlockSize() - 10, cb1, v1 - 1_000_000);
        r.rejected(g.block("over-max-size", b4, d -> d.txs.add(nearlyMaxSize)), BAD_BLOCK_LENGTH);
        r.rejected(g.block("sigops", b4, d -> d.payout = Script.of(Txs.checkSigs(20_001))), BAD_SIGOPS);
        r.rejected(g.block("no-coinbase", b4, d -> d.allTxs = List.of(Txs.spend(v1, 1000, cb1))), FIRST_TX_NOT_COINBASE);
        r.rejected(g.block("two-coinbases", b4, d -> d.allTxs = List.of(
                BlockGen.coinbase(d.coinbaseScriptSig, d.coinbaseValue, d.payout),
                BlockGen.coinbase(CoinbaseHeight.encode(d.height + 1), 1, d.payout))), MULTIPLE_COINBASE);
        r.rejected(g.block("long-coinbase", b4, d -> d.coinbaseScriptSig = padded(d.coinbaseScriptSig, 101)),
                BAD_COINBASE_LENGTH);

        // Context-free transaction rules (Core's CheckTransaction), inside a block
        r.rejected(g.block("tx-no-inputs", b4, d -> d.txs.add(Txs.raw(List.of(), List.of(1L), 0, 0))), TX_NO_INPUTS);
        r.rejected(g.block("tx-no-outputs", b4, d -> d.txs.add(Txs.raw(List.of(cb1), List.of(), 0, 0))), TX_NO_OUTPUTS);
        r.rejected(g.block("tx-negative", b4, d -> d.txs.add(Txs.withOutputs(cb1, -1, 1000))), TX_NEGATIVE_OUTPUT);
        r.rejected(g.block("tx-too-large", b4, d -> d.txs.add(Txs.withOutputs(cb1, Amount.MAX_MONEY + 1))),
                TX_OUTPUT_TOO_LARGE);
        r.rejected(g.block("tx-total-too-large", b4,
                d -> d.txs.add(Txs.withOutputs(cb1, Amount.MAX_MONEY, Amount.MAX_MONEY))), TX_OUTPUT_TOTAL_TOO_LARGE);
        r.rejected(g.block("tx-same-input-twice", b4, d -> d.txs.add(Txs.spend(2 * v1, 1000, cb1, cb1))),
                TX_DUPLICATE_INPUTS);
        r.rejected(g.block("tx-null-prevout", b4, d -> d.txs.add(Txs.spend(v1, 1000, cb1, OutPoint.NULL))),
                TX_NULL_PREVOUT);

        // Rules that need the height (Core's ContextualCheckBlock)
        Block wrongHeight = g.block("wrong-height", b4,
                d -> d.coinbaseScriptSig = padded(CoinbaseHeight.encode(d.height + 1), 5));
        r.rejected(wrongHeight, BAD_COINBASE_HEIGHT);
        r.rejected(wrongHeight, DUPLICATE_BLOCK); // marked invalid without being stored: cached invalid
        r.rejected(g.block("non-final", b4, d -> d.txs.add(Txs.raw(List.of(cb1), List.of(v1 - 1000), d.height, 0))),
                TX_NON_FINAL);

        // Rules that need the coins (Core's ConnectBlock): the block is the best, so it is connected
        Block missing = g.block("spends-missing", b4, d -> d.txs.add(Txs.spend(1000, 0, Txs.unknownOutput(2))));
        r.rejected(missing, TX_MISSING_OR_SPENT).duplicate(missing).tip(b4);
        r.rejected(g.block("immature", b4, d -> d.txs.add(Txs.spend(coinbaseValue(b3), 1000, coinbaseOut(b3)))),
                TX_PREMATURE_COINBASE_SPEND);
        r.rejected(g.block("in-below-out", b4, d -> d.txs.add(Txs.spend(v1 + 1, 0, cb1))), TX_IN_BELOW_OUT);
        r.rejected(g.block("greedy-coinbase", b4, d -> d.coinbaseValue++), BAD_COINBASE_AMOUNT);
        r.rejected(g.block("bad-script", b4, d -> d.txs.add(Txs.spend(coinbaseValue(b2), 1000, coinbaseOut(b2)))),
                SCRIPT_FAILED);
        // Fees may be claimed; an honest block after all that extends b4.
        Block b5 = g.block("b5", b4, d -> {
            d.txs.add(Txs.spend(v1, 5000, cb1));
            d.coinbaseValue += 5000;
        });
        r.tip(b4).accepted(b5).tip(b5);
        return new Scenario("block and transaction rules", SUITE, r.steps);
    }

    /**
     * Before BIP34 a coinbase need not name its height, so two blocks can carry the same coinbase: the
     * second would overwrite the first's unspent output (BIP30; mainnet blocks 91,842 and 91,880 did).
     */
    static Scenario duplicateCoinbaseBeforeBip34() {
        NetworkParams p = Txs.network(SUITE, SUITE.coinbaseMaturity(), 1_000, SUITE.initialSubsidy(), new TreeMap<>());
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Transaction cb = BlockGen.coinbase(new byte[] {0x01, 0x2a}, p.subsidyAt(1), Txs.OP_FALSE);
        Block d1 = g.block("d1", g.genesis(), d -> d.allTxs = List.of(cb));
        Block d2 = g.block("d2", d1, d -> d.allTxs = List.of(cb));
        r.accepted(d1).rejected(d2, DUPLICATE_TX).tip(d1);
        return new Scenario("BIP30 duplicate coinbase before BIP34", p, r.steps);
    }

    /**
     * Outputs never exceed 21 million coins, so inputs could only add up to more through many coins.
     * A network whose subsidy is the whole money supply reaches the rule with two coinbases.
     */
    static Scenario inputValuesOutOfRange() {
        NetworkParams p = Txs.network(SUITE, SUITE.coinbaseMaturity(), SUITE.bip34Height(), Amount.MAX_MONEY,
                new TreeMap<>());
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block m5 = g.chain("m", g.genesis(), 5);
        r.accepted(g.get("m1"), g.get("m2"), g.get("m3"), g.get("m4"), m5);
        Transaction both = Txs.spend(2, 1, coinbaseOut(g.get("m1")), coinbaseOut(g.get("m2")));
        r.rejected(g.block("m6", m5, d -> d.txs.add(both)), TX_INPUT_VALUES_OUT_OF_RANGE).tip(m5);
        r.txRejected("the same spend, relayed", both, TX_INPUT_VALUES_OUT_OF_RANGE);
        return new Scenario("input values out of range", p, r.steps);
    }

    private static byte[] padded(byte[] script, int length) {
        ByteWriter w = new ByteWriter();
        w.writeBytes(script);
        w.writeBytes(new byte[length - script.length]); // trailing OP_0s keep the prefix that names the height
        return w.toByteArray();
    }
}
