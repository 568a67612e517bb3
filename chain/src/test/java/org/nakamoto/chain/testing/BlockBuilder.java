package org.nakamoto.chain.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.Retarget;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;

/**
 * Makes valid blocks on any known parent, for fork and reorganisation tests: BIP34 coinbase, bits from
 * the retarget rule, time after the median time past, and a ground nonce. Not thread-safe.
 */
public final class BlockBuilder {
    /** Anyone can spend an output locked with OP_TRUE by an empty scriptSig. */
    public static final Script OP_TRUE = Script.of(new byte[] {0x51});

    private final NetworkParams params;
    private final Map<Hash256, Integer> heights = new HashMap<>();
    private final Map<Hash256, BlockHeader> headers = new HashMap<>();
    private int tag;

    public BlockBuilder(NetworkParams params) {
        this.params = params;
        remember(params.genesis(), 0);
    }

    private void remember(Block b, int height) {
        heights.put(b.hash(), height);
        headers.put(b.hash(), b.header());
    }

    public Block genesis() {
        return params.genesis();
    }

    public int height(Block b) {
        return heights.get(b.hash());
    }

    /** A block on {@code parent}, {@code secondsAfter} its time, paying subsidy plus {@code fees} to OP_TRUE. */
    public Block next(Block parent, long secondsAfter, List<Transaction> txs, long fees) {
        return next(parent, secondsAfter, txs, fees, OP_TRUE);
    }

    /** A block on {@code parent} whose coinbase pays subsidy plus {@code fees} to {@code payout}. */
    public Block next(Block parent, long secondsAfter, List<Transaction> txs, long fees, Script payout) {
        int height = heights.get(parent.hash()) + 1;
        HeaderAncestry ancestry = ancestry(parent.hash());
        long time = Math.max(parent.header().time() + secondsAfter, MedianTimePast.of(ancestry) + 1);
        Block b = assemble(params, parent.hash(), height, ancestry, time, txs, fees, payout, tag++);
        remember(b, height);
        return b;
    }

    /**
     * A block on {@code parent}, a node of a live chain state that may hold blocks no builder made (a
     * network test's node receives them from peers): time {@code time}, or just after the median time past
     * if that is later; {@code tag} in the coinbase tells apart blocks that producers make at one height.
     * The coinbase claims the subsidy only and pays it to OP_TRUE.
     */
    public static Block onNode(NetworkParams params, BlockNode parent, List<Transaction> txs, int tag, long time) {
        HeaderAncestry ancestry = parent.ancestry();
        long blockTime = Math.max(MedianTimePast.of(ancestry) + 1, time);
        return assemble(params, parent.hash(), parent.height() + 1, ancestry, blockTime, txs, 0, OP_TRUE, tag);
    }

    private static Block assemble(NetworkParams params, Hash256 parentHash, int height, HeaderAncestry ancestry,
            long time, List<Transaction> txs, long fees, Script payout, int tag) {
        ByteWriter sig = new ByteWriter();
        sig.writeBytes(CoinbaseHeight.encode(height));
        sig.writeUint8(4).writeInt32LE(tag); // distinct coinbases, so sibling blocks differ
        Transaction coinbase = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(sig.toByteArray()), TxIn.SEQUENCE_FINAL))
                .addOutput(params.subsidyAt(height) + fees, payout)
                .build();
        List<Transaction> all = new ArrayList<>();
        all.add(coinbase);
        all.addAll(txs);
        // BIP141: a block with witnesses commits to them (blocks without stay as they always were).
        all.set(0, org.nakamoto.chain.consensus.WitnessCommitment.addTo(all));
        long bits = Retarget.nextWorkRequired(params, ancestry);
        BlockHeader h = new BlockHeader(4, parentHash, MerkleTree.ofTransactions(all).root(), time, bits, 0);
        return new Block(TestMiner.mine(h), all);
    }

    public Block next(Block parent) {
        return next(parent, params.targetSpacingSeconds(), List.of(), 0);
    }

    /** A run of {@code n} empty blocks on {@code parent}, {@code spacing} seconds apart. */
    public List<Block> chain(Block parent, int n, long spacing) {
        List<Block> out = new ArrayList<>(n);
        Block p = parent;
        for (int i = 0; i < n; i++) {
            p = next(p, spacing, List.of(), 0);
            out.add(p);
        }
        return out;
    }

    /** A transaction spending OP_TRUE outputs into {@code outputs} OP_TRUE outputs of equal value, leaving {@code fee}. */
    public static Transaction spend(List<OutPoint> inputs, long inputTotal, int outputs, long fee) {
        Transaction.Builder b = new Transaction.Builder();
        for (OutPoint op : inputs) {
            b.addInput(op, Script.EMPTY);
        }
        long each = (inputTotal - fee) / outputs;
        for (int i = 0; i < outputs; i++) {
            b.addOutput(i == 0 ? inputTotal - fee - each * (outputs - 1) : each, OP_TRUE);
        }
        return b.build();
    }

    private HeaderAncestry ancestry(Hash256 tipHash) {
        return new HeaderMapAncestry(headers, heights, tipHash);
    }
}
