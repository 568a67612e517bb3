package org.nakamoto.chain.scenario;

import static org.nakamoto.chain.consensus.RejectReason.SCRIPT_FAILED;
import static org.nakamoto.chain.consensus.RejectReason.TX_NONSTANDARD_WITNESS;
import static org.nakamoto.chain.consensus.RejectReason.TX_SCRIPT_FAILED;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseOut;
import static org.nakamoto.chain.scenario.BlockGen.coinbaseValue;
import static org.nakamoto.chain.scenario.BlockScenarios.SUITE;
import static org.nakamoto.chain.scenario.SegwitScenarios.committed;

import java.math.BigInteger;
import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptBuilder;
import org.nakamoto.chain.script.ScriptExecutionData;
import org.nakamoto.chain.script.SigVersion;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.script.TaprootSignatureHash;
import org.nakamoto.chain.script.TaprootSigner;

/**
 * Taproot on Bitcoin regtest (active from genesis): a key-path spend with a wrong signature is refused by
 * the mempool and makes a block invalid, each with Core's reject string; the same spend correctly
 * signed is accepted; an annex, and a tapscript input over 80 bytes, are non-standard but valid in a
 * block. Below the taproot height (a variant of regtest) the wrongly signed spend is valid in a block, as
 * a witness v1 output was anyone-can-spend before the soft fork, while the mempool still refuses it
 * (Core's standard flags include TAPROOT at every height).
 */
final class TaprootScenarios {
    private static final long FEE = 10_000;
    private static final byte[] AUX = new byte[32];
    private static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(0x7a9_5eedL));
    /** A BIP 86 output: the key tweaked by no script tree. */
    static final Script P2TR = Script.of(Taproot.scriptPubKey(Taproot.outputKey(KEY.xOnlyPublicKey(), null).xOnly()));
    /** A one-leaf tree: SHA256 [h] EQUALVERIFY [key] CHECKSIG, spent with a preimage of 81 bytes. */
    private static final byte[] PREIMAGE = new byte[81];
    private static final byte[] LEAF = new ScriptBuilder().op(Opcodes.OP_SHA256).data(Hashes.sha256(PREIMAGE))
            .op(Opcodes.OP_EQUALVERIFY).data(KEY.xOnlyPublicKey()).op(Opcodes.OP_CHECKSIG).build().bytes();
    private static final byte[] LEAF_HASH = Taproot.leafHash(Taproot.LEAF_VERSION_TAPSCRIPT, LEAF);
    private static final Taproot.OutputKey TREE_KEY = Taproot.outputKey(KEY.xOnlyPublicKey(), LEAF_HASH);
    static final Script P2TR_TREE = Script.of(Taproot.scriptPubKey(TREE_KEY.xOnly()));
    /** Core 28's pay-to-anchor output: witness v1 with the 2-byte program 0x4e73. */
    private static final Script P2A = Script.of(new byte[] {0x51, 0x02, 0x4e, 0x73});
    static final String BAD_SIG_IN_MEMPOOL = "mempool-script-verify-flag-failed (Invalid Schnorr signature)";
    static final String BAD_SIG_IN_BLOCK = "block-script-verify-flag-failed (Invalid Schnorr signature)";

    private TaprootScenarios() {
    }

    static List<Scenario> all() {
        return List.of(taprootRules(), beforeTaproot(), payToAnchor());
    }

    private static Transaction unsigned(OutPoint coin, long value) {
        return new Transaction.Builder().addInput(new TxIn(coin, Script.EMPTY, TxIn.SEQUENCE_FINAL))
                .addOutput(value - FEE, Txs.P2WSH_OP_TRUE).build();
    }

    /** Spends a {@link #P2TR} coin by the key path: signed, or with the signature's first byte flipped. */
    static Transaction keyPathSpend(OutPoint coin, long value, boolean rightSignature) {
        Transaction tx = unsigned(coin, value);
        PrecomputedTxData data = new PrecomputedTxData(tx, List.of(new TxOut(value, P2TR)));
        byte[] sig = TaprootSigner.signKeyPath(data, 0, TaprootSignatureHash.DEFAULT, KEY, null, AUX);
        if (!rightSignature) {
            sig[0] ^= 1;
        }
        return tx.toBuilder().setWitness(0, Witness.of(sig)).build();
    }

    /** A key-path spend whose witness carries an annex, which the signature commits to. */
    private static Transaction keyPathSpendWithAnnex(OutPoint coin, long value) {
        Transaction tx = unsigned(coin, value);
        byte[] annex = {0x50, 0x61, 0x6e, 0x6e, 0x65, 0x78};
        ScriptExecutionData exec = new ScriptExecutionData();
        exec.annexHash(Hashes.sha256(new ByteWriter().writeVarBytes(annex).toByteArray()));
        byte[] hash = TaprootSignatureHash.compute(new PrecomputedTxData(tx, List.of(new TxOut(value, P2TR))), 0,
                TaprootSignatureHash.DEFAULT, SigVersion.TAPROOT, exec);
        byte[] sig = Taproot.tweakPrivateKey(KEY, null).signSchnorr(hash, AUX);
        return tx.toBuilder().setWitness(0, Witness.of(sig, annex)).build();
    }

    /** Spends a {@link #P2TR_TREE} coin through its leaf: signature, preimage, script, control block. */
    private static Transaction scriptPathSpend(OutPoint coin, long value) {
        Transaction tx = unsigned(coin, value);
        ScriptExecutionData exec = new ScriptExecutionData();
        exec.tapleafHash(LEAF_HASH);
        byte[] hash = TaprootSignatureHash.compute(new PrecomputedTxData(tx, List.of(new TxOut(value, P2TR_TREE))), 0,
                TaprootSignatureHash.DEFAULT, SigVersion.TAPSCRIPT, exec);
        byte[] control = new ByteWriter().writeUint8(Taproot.LEAF_VERSION_TAPSCRIPT | (TREE_KEY.oddY() ? 1 : 0))
                .writeBytes(KEY.xOnlyPublicKey()).toByteArray();
        return tx.toBuilder().setWitness(0, Witness.of(KEY.signSchnorr(hash, AUX), PREIMAGE, LEAF, control)).build();
    }

    private static Scenario taprootRules() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = P2TR);
        Block b2 = g.block("b2", b1, d -> d.payout = P2TR);
        Block b3 = g.block("b3", b2, d -> d.payout = P2TR_TREE);
        Block b6 = g.chain("b", b3, 3);
        r.accepted(b1, b2, b3, g.get("b4"), g.get("b5"), b6).tip(b6);

        Transaction forged = keyPathSpend(coinbaseOut(b1), coinbaseValue(b1), false);
        Transaction signed = keyPathSpend(coinbaseOut(b1), coinbaseValue(b1), true);
        Transaction annexed = keyPathSpendWithAnnex(coinbaseOut(b2), coinbaseValue(b2));
        Transaction bigInput = scriptPathSpend(coinbaseOut(b3), coinbaseValue(b3));
        r.txRejected("taproot key path with a wrong signature", forged, TX_SCRIPT_FAILED, BAD_SIG_IN_MEMPOOL);
        r.txRejected("taproot key path with an annex", annexed, TX_NONSTANDARD_WITNESS);
        r.txRejected("tapscript input of 81 bytes", bigInput, TX_NONSTANDARD_WITNESS);
        r.poolSize(0);
        r.rejected(g.block("b7-wrong-schnorr-signature", b6, d -> d.txs.add(forged), committed()), SCRIPT_FAILED,
                BAD_SIG_IN_BLOCK);
        r.txAccepted("taproot key path correctly signed", signed);
        r.poolSize(1);
        // Policy is not consensus: the annex and the large tapscript input are valid in a block.
        Block b7 = g.block("b7", b6, d -> d.txs.addAll(List.of(signed, annexed, bigInput)), committed());
        r.accepted(b7).tip(b7);
        r.poolSize(0);
        return new Scenario("taproot: Schnorr signatures required by key path and script path, annex and"
                + " large tapscript inputs non-standard", SUITE, MempoolPolicy.DEFAULT, r.steps);
    }

    private static Scenario beforeTaproot() {
        NetworkParams p = SoftForkScenarios.network(f -> f.withTaprootHeight(1_000));
        BlockGen g = new BlockGen(p);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = P2TR);
        Block b4 = g.chain("b", b1, 3);
        r.accepted(b1, g.get("b2"), g.get("b3"), b4).tip(b4);
        Transaction forged = keyPathSpend(coinbaseOut(b1), coinbaseValue(b1), false);
        r.txRejected("taproot key path with a wrong signature", forged, TX_SCRIPT_FAILED, BAD_SIG_IN_MEMPOOL);
        Block b5 = g.block("b5", b4, d -> d.txs.add(forged), committed());
        r.accepted(b5).tip(b5);
        return new Scenario("before the taproot height a witness v1 output is anyone-can-spend in blocks", p,
                MempoolPolicy.DEFAULT, r.steps);
    }

    private static Scenario payToAnchor() {
        BlockGen g = new BlockGen(SUITE);
        Rows r = new Rows(g);
        Block b1 = g.block("b1", g.genesis(), d -> d.payout = P2A);
        Block b4 = g.chain("b", b1, 3);
        r.accepted(b1, g.get("b2"), g.get("b3"), b4).tip(b4);
        Transaction plain = unsigned(coinbaseOut(b1), coinbaseValue(b1));
        Transaction stuffed = plain.toBuilder().setWitness(0, Witness.of(new byte[] {1})).build();
        r.txRejected("pay-to-anchor spent with a witness", stuffed, TX_NONSTANDARD_WITNESS);
        r.txAccepted("pay-to-anchor spent with an empty witness", plain);
        r.poolSize(1);
        return new Scenario("pay-to-anchor (Core 28): anyone spends it with an empty witness; a witness is"
                + " non-standard", SUITE, MempoolPolicy.DEFAULT, r.steps);
    }
}
