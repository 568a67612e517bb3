package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.mempool.Mempool;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestMiner;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.testing.TestVerifiers;

/** Pay-to-script-hash signature operations count toward the block limit, and BIP34 retires version 1. */
class SigOpsAndVersionTest {
    private static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 1);

    @TempDir
    Path tmp;

    /** A redeem script of {@code n} CHECKSIGs: it never runs successfully, but it counts. */
    private static byte[] redeemScript(int n) {
        byte[] r = new byte[n];
        Arrays.fill(r, (byte) 0xac);
        return r;
    }

    @Test
    void p2shSigOpsAreCountedAccurately() {
        assertEquals(1000, ScriptCode.p2shSigOpCount(ScriptCode.pushOf(redeemScript(1000))));
        byte[] multisig2of3 = {0x52, 0x51, 0x51, 0x51, 0x53, (byte) 0xae}; // OP_2 <k> <k> <k> OP_3 CHECKMULTISIG
        assertEquals(3, ScriptCode.accurateSigOpCount(multisig2of3));
        assertEquals(20, ScriptCode.legacySigOpCount(multisig2of3));
        assertEquals(0, ScriptCode.p2shSigOpCount(new byte[] {(byte) 0xac}), "a scriptSig that is not push-only counts 0");
    }

    @Test
    void aBlockWhoseP2shInputsRunMoreThan20000SigOpsIsRejected() throws Exception {
        byte[] redeem = redeemScript(1000);
        Script p2sh = StandardScripts.payToScriptHash(Hashes.hash160(redeem));
        BlockBuilder bb = new BlockBuilder(PARAMS);
        try (TestChain n = new TestChain(tmp.resolve("n"), PARAMS, TestVerifiers.real())) {
            List<Block> base = bb.chain(bb.genesis(), 3, 600);
            n.acceptAll(base);
            Transaction cb = base.get(0).transactions().get(0);
            Transaction.Builder fund = new Transaction.Builder().addInput(new OutPoint(cb.txid(), 0), Script.EMPTY);
            for (int i = 0; i < 21; i++) {
                fund.addOutput(100_000, p2sh);
            }
            Transaction funding = fund.build();
            Block funded = bb.next(base.get(2), 600, List.of(funding), cb.outputs().get(0).value() - 21 * 100_000);
            n.accept(funded);
            Transaction.Builder spend = new Transaction.Builder();
            for (int i = 0; i < 21; i++) {
                spend.addInput(new OutPoint(funding.txid(), i), Script.of(ScriptCode.pushOf(redeem)));
            }
            spend.addOutput(1_000_000, BlockBuilder.OP_TRUE);
            Transaction heavy = spend.build();
            assertEquals(0, BlockChecks.legacySigOps(heavy), "the legacy count sees none of them");
            Block bad = bb.next(funded, 600, List.of(heavy), 21 * 100_000 - 1_000_000);
            ValidationException e = assertThrows(ValidationException.class, () -> n.chain.acceptBlock(bad));
            assertEquals(RejectReason.BAD_SIGOPS, e.reason());
            assertEquals(funded.hash(), n.tip());
        }
    }

    @Test
    void aVersion1BlockAfterBip34IsRejected() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        try (TestChain n = new TestChain(tmp.resolve("v"), PARAMS, TestVerifiers.real())) {
            Block good = bb.next(bb.genesis());
            BlockHeader h = good.header();
            BlockHeader v1 = TestMiner.mine(new BlockHeader(1, h.prevHash(), h.merkleRoot(), h.time(), h.bits(), 0));
            ValidationException e = assertThrows(ValidationException.class,
                    () -> n.chain.acceptBlock(new Block(v1, good.transactions())));
            assertEquals(RejectReason.BAD_VERSION, e.reason());
            n.accept(good);
            assertEquals(1, n.height());
        }
    }

    @Test
    void theMempoolRefusesNonStandardShapes() throws Exception {
        BlockBuilder bb = new BlockBuilder(PARAMS);
        try (TestChain n = new TestChain(tmp.resolve("m"), PARAMS, TestVerifiers.real())) {
            List<Block> base = bb.chain(bb.genesis(), 3, 600);
            n.acceptAll(base);
            Mempool pool = Mempool.attach(n.chain, TestVerifiers.real(), MempoolPolicy.DEFAULT, () -> 1_700_000_000L);
            Transaction cb = base.get(0).transactions().get(0);
            // OP_NOP in a scriptSig: valid in a block, not relayed
            Transaction notPushOnly = new Transaction.Builder()
                    .addInput(new OutPoint(cb.txid(), 0), Script.of(new byte[] {0x61}))
                    .addOutput(cb.outputs().get(0).value() - 10_000, BlockBuilder.OP_TRUE)
                    .build();
            ValidationException e = assertThrows(ValidationException.class, () -> pool.accept(notPushOnly));
            assertEquals(RejectReason.TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY, e.reason());
            // a P2SH input whose redeem script runs 16 sigops: over the 15 a relayed input may
            byte[] redeem = redeemScript(16);
            Script p2sh = StandardScripts.payToScriptHash(Hashes.hash160(redeem));
            Transaction funding = new Transaction.Builder()
                    .addInput(new OutPoint(cb.txid(), 0), Script.EMPTY)
                    .addOutput(cb.outputs().get(0).value() - 10_000, p2sh)
                    .build();
            n.accept(bb.next(base.get(2), 600, List.of(funding), 10_000));
            Transaction spend = new Transaction.Builder()
                    .addInput(new OutPoint(funding.txid(), 0), Script.of(ScriptCode.pushOf(redeem)))
                    .addOutput(funding.outputs().get(0).value() - 10_000, p2sh) // a standard output
                    .build();
            e = assertThrows(ValidationException.class, () -> pool.accept(spend));
            assertEquals(RejectReason.TX_NONSTANDARD_INPUTS, e.reason());
            assertEquals(0, pool.size());
        }
    }

}
