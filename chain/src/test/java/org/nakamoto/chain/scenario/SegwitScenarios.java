package org.nakamoto.chain.scenario;

import static org.nakamoto.chain.consensus.RejectReason.BAD_BLOCK_WEIGHT;
import static org.nakamoto.chain.consensus.RejectReason.BAD_WITNESS_MERKLE_MATCH;
import static org.nakamoto.chain.consensus.RejectReason.BAD_WITNESS_NONCE_SIZE;
import static org.nakamoto.chain.consensus.RejectReason.SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_WITNESS;
import static org.nakamoto.chain.consensus.RejectReason.TX_SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.UNEXPECTED_WITNESS;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseOut;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseValue;
import static org.nakamoto.chain.scenario.BlockScenarios.SUITE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nakamoto.chain.consensus.WitnessCommitment;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.WitnessV0Signer;

/**
 * Segregated witness on regtest (active from genesis, as on Bitcoin regtest): a P2WPKH coin spent
 * without its witness is refused by the mempool and makes a block invalid, as Core says; a block with
 * witnesses must commit to them in its coinbase (BIP141), with a 32-byte reserved value, and weigh at
 * most 4,000,000; a witness on a non-witness input is non-standard in the mempool and invalid in a block.
 */
final class SegwitScenarios {
    private static final long FEE = 10_000;
    static final Script P2WPKH = StandardScripts.payToWitnessKeyHash(Hashes.hash160(Sigs.KEY.publicKeyBytes(true)));

    private SegwitScenarios() {
    }

    static List<Scenario> all() {
        return List.of(witnessRules());
    }

    /** Spends a P2WPKH coin of {@code value} to a standard output, signed with BIP143 unless {@code witness} is false. */
    static Transaction spendP2wpkh(OutPoint coin, long value, boolean witness) {
        Transaction unsigned = new Transaction.Builder()
                .addInput(new TxIn(coin, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value - FEE, Txs.P2WSH_OP_TRUE).build();
        if (!witness) {
            return unsigned;
        }
        Witness w = WitnessV0Signer.payToWitnessKeyHash(Sigs.KEY, unsigned, 0, value, new PrecomputedTxData(unsigned));
        return unsigned.toBuilder().setWitness(0, w).build();
    }

    /**
     * A {@link Txs#P2SH_OP_TRUE} coin (standard, and no witness program) spent with a witness it does not
     * need: {@code witnessBytes} in one item.
     */
    private static Transaction stuffed(OutPoint coin, long value, int witnessBytes) {
        Script redeem = Script.of(ScriptCode.pushOf(Txs.OP_TRUE_SCRIPT));
        return new Transaction.Builder()
                .addInput(new TxIn(coin, redeem, TxIn.SEQUENCE_FINAL, Witness.of(new byte[witnessBytes])))
                .addOutput(value - FEE, Txs.P2WSH_OP_TRUE).build();
    }

    /** Lays out the whole transaction list with the BIP141 commitment, as a miner does. */
    static Consumer<BlockGen.Draft> committed() {
        return d -> d.allTxs = withCoinbase(d, true);
    }

    private static List<Transaction> withCoinbase(BlockGen.Draft d, boolean commit) {
        List<Transaction> all = new ArrayList<>();
        all.add(BlockGen.coinbase(d.coinbaseScriptSig, d.coinbaseValue, d.payout));
        all.addAll(d.txs);
        if (commit) {
            all.set(0, WitnessCommitment.addTo(all));
        }
        return all;
    }

    private static Scenario witnessRules() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = P2WPKH);
        Block b2 = g.block("b2", b1, d -> d.payout = P2WPKH);
        Block b3 = g.block("b3", b2, d -> d.payout = Txs.P2SH_OP_TRUE);
        Block b6 = g.chain("b", b3, 3);
        r.accepted(b1, b2, b3, g.get("b4"), g.get("b5"), b6).tip(b6);

        Transaction signed = spendP2wpkh(coinbaseOut(b1), coinbaseValue(b1), true);
        Transaction theft = spendP2wpkh(coinbaseOut(b2), coinbaseValue(b2), false);
        Transaction needless = stuffed(coinbaseOut(b3), coinbaseValue(b3), 1);
        r.txRejected("P2WPKH spend without its witness", theft, TX_SCRIPT_FAILED);
        r.txRejected("witness on an input that spends no witness program", needless, TX_NONSTANDARD_WITNESS);
        r.poolSize(0);

        r.rejected(g.block("b7-p2wpkh-without-witness", b6, d -> d.txs.add(theft)), SCRIPT_FAILED);
        r.rejected(g.block("b7-witness-without-commitment", b6, d -> d.txs.add(signed)), UNEXPECTED_WITNESS);
        r.rejected(g.block("b7-no-reserved-value", b6, d -> d.txs.add(signed), committed(), d -> {
            Transaction cb = d.allTxs.get(0);
            d.allTxs.set(0, cb.toBuilder().setWitness(0, Witness.EMPTY).build());
        }), BAD_WITNESS_NONCE_SIZE);
        r.rejected(g.block("b7-wrong-commitment", b6, d -> d.txs.add(signed), d -> {
            List<Transaction> all = withCoinbase(d, false);
            all.set(0, all.get(0).toBuilder().setWitness(0, Witness.of(WitnessCommitment.DEFAULT_RESERVED_VALUE))
                    .addOutput(0, WitnessCommitment.script(Hash256.ZERO)).build());
            d.allTxs = all;
        }), BAD_WITNESS_MERKLE_MATCH);
        r.rejected(g.block("b7-over-weight", b6, d -> d.txs.add(stuffed(coinbaseOut(b3), coinbaseValue(b3),
                4_000_000)), committed()), BAD_BLOCK_WEIGHT);
        r.rejected(g.block("b7-witness-on-non-witness-input", b6, d -> d.txs.add(needless), committed()),
                SCRIPT_FAILED);

        r.txAccepted("P2WPKH spend with its witness", signed);
        Block b7 = g.block("b7", b6, d -> d.txs.add(signed), committed());
        r.accepted(b7).tip(b7);
        r.poolSize(0);
        return new Scenario("segwit: witnesses required, committed to, weighed and not stuffed", SUITE,
                MempoolPolicy.DEFAULT, r.steps);
    }
}
