package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.testing.MainnetBlocks;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Bitcoin mainnet blocks 0..438 through every rule, from the real genesis: headers in context (proof of
 * work, bits, median time), block rules, and connection to a UTXO view with real signature checks.
 */
class MainnetBlocksValidationTest {
    private static final NetworkParams MAINNET = ParamsLoader.builtIn("mainnet");
    private static List<Block> blocks;

    /** Counts what the real verifier is asked, so the test can show block 170's signature was checked. */
    private static final class CountingVerifier implements InputVerifier {
        final List<InputCheck> seen = new ArrayList<>();
        final InputVerifier real = ScriptInputVerifier.sequential();

        @Override
        public void verify(List<InputCheck> checks, Set<ScriptFlag> flags) throws ValidationException {
            seen.addAll(checks);
            real.verify(checks, flags);
        }
    }

    @BeforeAll
    static void load() {
        blocks = MainnetBlocks.all();
    }

    /** Connects blocks 1..upTo (genesis is the starting point) with full header and block validation. */
    private static MemoryUtxoSet connectUpTo(int upTo, InputVerifier verifier) throws ValidationException {
        HeaderChainValidator headers = new HeaderChainValidator(MAINNET, () -> System.currentTimeMillis() / 1000);
        BlockConnector connector = new BlockConnector(MAINNET, verifier);
        MemoryUtxoSet utxo = new MemoryUtxoSet();
        List<BlockHeader> chain = new ArrayList<>(List.of(blocks.get(0).header()));
        for (int h = 1; h <= upTo; h++) {
            Block b = blocks.get(h);
            headers.check(b.header(), HeaderListAncestry.of(0, chain));
            BlockChecks.check(b, MAINNET);
            connector.checkContext(b, HeaderListAncestry.sharing(chain, h - 1));
            UtxoCache cache = new UtxoCache(utxo);
            connector.connect(b, HeaderListAncestry.sharing(chain, h - 1), cache);
            utxo.apply(cache);
            chain.add(b.header());
        }
        return utxo;
    }

    @Test
    void blocks0To438ConnectAndBlock170sSignatureIsVerified() throws Exception {
        assertEquals(MAINNET.genesisHash(), blocks.get(0).hash());
        CountingVerifier verifier = new CountingVerifier();
        MemoryUtxoSet utxo = connectUpTo(438, verifier);
        assertEquals(MainnetBlocks.TIP_438, blocks.get(438).hash().toString());

        Transaction spend170 = blocks.get(170).transactions().get(1);
        assertTrue(verifier.seen.stream().anyMatch(c -> c.tx().equals(spend170) && c.index() == 0),
                "block 170's input went through the script verifier");
        assertEquals(7, verifier.seen.size(), "every non-coinbase input of blocks 1..438 was checked");
        // Outputs created minus outputs spent, counted straight from the blocks.
        int created = 0;
        int spent = 0;
        for (int h = 1; h <= 438; h++) {
            for (Transaction tx : blocks.get(h).transactions()) {
                created += tx.outputs().size();
                spent += tx.isCoinbase() ? 0 : tx.inputs().size();
            }
        }
        assertEquals(created - spent, utxo.size());
        assertTrue(utxo.get(new OutPoint(blocks.get(9).transactions().get(0).txid(), 0)) == null, "block 9's coinbase is spent");
    }

    /** Body rules for a mutated copy of a real block; its header cannot be re-mined, so proof of work is not rechecked. */
    private static void connectMutated(Block mutated, int height, MemoryUtxoSet utxo) throws ValidationException {
        BlockConnector connector = new BlockConnector(MAINNET, ScriptInputVerifier.sequential());
        BlockChecks.check(mutated, MAINNET);
        List<BlockHeader> below = new ArrayList<>();
        for (int h = 0; h < height; h++) {
            below.add(blocks.get(h).header());
        }
        connector.checkContext(mutated, HeaderListAncestry.of(0, below));
        connector.connect(mutated, HeaderListAncestry.of(0, below), new UtxoCache(utxo));
    }

    private static Block withTransactions(Block original, List<Transaction> txs) {
        BlockHeader h = original.header().withMerkleRoot(MerkleTree.ofTransactions(txs).root());
        return new Block(h, txs);
    }

    @Test
    void aBadMerkleRootIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(99, ScriptInputVerifier.sequential());
        Block real = blocks.get(100);
        Transaction cb = real.transactions().get(0);
        Transaction changed = cb.toBuilder()
                .setInput(0, new TxIn(OutPoint.NULL, Script.fromHex("04ffff001d0102ff"), TxIn.SEQUENCE_FINAL)).build();
        Block mutated = new Block(real.header(), List.of(changed)); // header still commits to the old root
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 100, utxo));
        assertEquals(RejectReason.BAD_MERKLE_ROOT, e.reason());
    }

    @Test
    void aCoinbasePayingOneSatoshiTooMuchIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(99, ScriptInputVerifier.sequential());
        Block real = blocks.get(100);
        Transaction cb = real.transactions().get(0);
        TxOut out = cb.outputs().get(0);
        Transaction greedy = new Transaction(cb.version(), cb.inputs(),
                List.of(new TxOut(out.value() + 1, out.scriptPubKey())), cb.lockTime());
        connectMutated(real, 100, utxo); // the real block passes the same path
        ValidationException e = assertThrows(ValidationException.class,
                () -> connectMutated(withTransactions(real, List.of(greedy)), 100, utxo));
        assertEquals(RejectReason.BAD_COINBASE_AMOUNT, e.reason());
    }

    @Test
    void block170WithOneSignatureByteChangedIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(169, ScriptInputVerifier.sequential());
        Block real = blocks.get(170);
        connectMutated(real, 170, utxo);
        Transaction spend = real.transactions().get(1);
        byte[] sig = spend.inputs().get(0).scriptSig().bytes();
        sig[10] ^= 0x01; // inside the DER-encoded r value
        Transaction forged = spend.toBuilder()
                .setInput(0, new TxIn(spend.inputs().get(0).prevout(), Script.of(sig), spend.inputs().get(0).sequence()))
                .build();
        Block mutated = withTransactions(real, List.of(real.transactions().get(0), forged));
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 170, utxo));
        assertEquals(RejectReason.SCRIPT_FAILED, e.reason());
    }

    @Test
    void spendingAnAlreadySpentOutputIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(170, ScriptInputVerifier.sequential());
        Block next = blocks.get(171);
        Transaction spent170 = blocks.get(170).transactions().get(1);
        // Spends block 9's coinbase again, which block 170 already spent.
        Transaction again = new Transaction.Builder()
                .addInput(spent170.inputs().get(0))
                .addOutput(1_000_000_000L, spent170.outputs().get(0).scriptPubKey())
                .build();
        Block mutated = withTransactions(next, List.of(next.transactions().get(0), again));
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 171, utxo));
        assertEquals(RejectReason.TX_MISSING_OR_SPENT, e.reason());
    }

    @Test
    void spendingAnImmatureCoinbaseIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(149, ScriptInputVerifier.sequential());
        Block real = blocks.get(150);
        // Block 100's coinbase has 50 confirmations at height 150: 100 are required.
        Hash256 young = blocks.get(100).transactions().get(0).txid();
        Transaction early = new Transaction.Builder()
                .addInput(new OutPoint(young, 0), Script.EMPTY)
                .addOutput(1_000_000_000L, Script.fromHex("51"))
                .build();
        Block mutated = withTransactions(real, List.of(real.transactions().get(0), early));
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 150, utxo));
        assertEquals(RejectReason.TX_PREMATURE_COINBASE_SPEND, e.reason());
    }

    @Test
    void aBlockOverOneMillionBytesIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(9, ScriptInputVerifier.sequential());
        Block real = blocks.get(10);
        Transaction cb = real.transactions().get(0);
        int room = 1_000_000 - real.size();
        Transaction filler = new Transaction.Builder()
                .addInput(new OutPoint(blocks.get(1).transactions().get(0).txid(), 0), Script.EMPTY)
                .addOutput(0, Script.of(new byte[room])) // with its framing, one transaction too many bytes
                .build();
        Block mutated = withTransactions(real, List.of(cb, filler));
        assertTrue(mutated.size() > 1_000_000, "mutated block is " + mutated.size() + " bytes");
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 10, utxo));
        assertEquals(RejectReason.BAD_BLOCK_LENGTH, e.reason());
    }

    @Test
    void aBlockOverTheSignatureOperationLimitIsRejected() throws Exception {
        MemoryUtxoSet utxo = connectUpTo(9, ScriptInputVerifier.sequential());
        Block real = blocks.get(10);
        // 1,001 CHECKMULTISIG opcodes count 20,020 legacy sigops: one block's limit is 20,000.
        byte[] ops = new byte[1001];
        java.util.Arrays.fill(ops, (byte) 0xae);
        Transaction heavy = new Transaction.Builder()
                .addInput(new OutPoint(blocks.get(1).transactions().get(0).txid(), 0), Script.EMPTY)
                .addOutput(0, Script.of(ops))
                .build();
        assertEquals(20_020, BlockChecks.legacySigOps(heavy));
        Block mutated = withTransactions(real, List.of(real.transactions().get(0), heavy));
        ValidationException e = assertThrows(ValidationException.class, () -> connectMutated(mutated, 10, utxo));
        assertEquals(RejectReason.BAD_SIGOPS, e.reason());
        assertEquals(1, BlockChecks.legacySigOps(blocks.get(170).transactions().get(0)), "a P2PK coinbase output");
    }
}
