package org.nakamoto.node.mining;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.Retarget;
import org.nakamoto.chain.mempool.MempoolEntry;
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
 * Builds block templates: a BIP34 coinbase (height, an extra nonce, a tag) paying subsidy plus fees to
 * the payout script, then mempool transactions by fee rate, each only after its in-pool parents, up to the
 * block size limit less a reserve for the coinbase. Stateless; pure over its inputs.
 *
 * <p>Interim: the miner module will provide the template builder; this class is what the node uses until
 * then, and the only place to change when it lands.
 */
public final class BlockAssembler {
    /** Room kept for the header, the transaction count and the coinbase. */
    static final int COINBASE_RESERVE = 1_000;
    static final byte[] TAG = "/nakamoto/".getBytes(StandardCharsets.US_ASCII);

    private final NetworkParams params;

    public BlockAssembler(NetworkParams params) {
        this.params = params;
    }

    /**
     * @param candidates mempool entries, best first (Mempool.byFeeRate); a child may precede its parent
     * @param nowSeconds the node's clock; the time is raised to the median time past + 1 when needed
     */
    public BlockTemplate build(BlockNode parent, Script payTo, List<MempoolEntry> candidates, long nowSeconds,
            long extraNonce) {
        int height = parent.height() + 1;
        List<MempoolEntry> chosen = choose(candidates);
        long fees = 0;
        for (MempoolEntry e : chosen) {
            fees += e.fee();
        }
        long value = params.subsidyAt(height) + fees;
        Transaction coinbase = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, coinbaseScript(height, extraNonce), TxIn.SEQUENCE_FINAL))
                .addOutput(value, payTo)
                .build();
        List<Transaction> txs = new ArrayList<>(chosen.size() + 1);
        txs.add(coinbase);
        chosen.forEach(e -> txs.add(e.tx()));
        List<Hash256> ids = new ArrayList<>(txs.size());
        txs.forEach(t -> ids.add(t.txid()));
        long bits = Retarget.nextWorkRequired(params, parent.ancestry());
        long time = Math.max(MedianTimePast.of(parent.ancestry()) + 1, nowSeconds);
        BlockHeader header = new BlockHeader(4, parent.hash(), MerkleTree.root(ids), time, bits, 0);
        return new BlockTemplate(new Block(header, txs), parent, chosen, fees, value);
    }

    private List<MempoolEntry> choose(List<MempoolEntry> candidates) {
        Set<Hash256> inPool = new HashSet<>();
        candidates.forEach(e -> inPool.add(e.tx().txid()));
        Set<Hash256> included = new HashSet<>();
        List<MempoolEntry> chosen = new ArrayList<>();
        List<MempoolEntry> pending = new ArrayList<>(candidates);
        long room = params.maxBlockSize() - COINBASE_RESERVE;
        boolean progress = true;
        // Repeated passes let a child follow a parent that ranked lower; each pass adds at least one or stops.
        while (progress && !pending.isEmpty()) {
            progress = false;
            List<MempoolEntry> next = new ArrayList<>();
            for (MempoolEntry e : pending) {
                if (e.size() > room) {
                    continue;
                }
                if (!parentsIncluded(e.tx(), inPool, included)) {
                    next.add(e);
                    continue;
                }
                chosen.add(e);
                included.add(e.tx().txid());
                room -= e.size();
                progress = true;
            }
            pending = next;
        }
        return chosen;
    }

    private static boolean parentsIncluded(Transaction tx, Set<Hash256> inPool, Set<Hash256> included) {
        for (TxIn in : tx.inputs()) {
            Hash256 parent = in.prevout().txid();
            if (inPool.contains(parent) && !included.contains(parent)) {
                return false;
            }
        }
        return true;
    }

    private static Script coinbaseScript(int height, long extraNonce) {
        ByteWriter w = new ByteWriter();
        w.writeBytes(CoinbaseHeight.encode(height));
        w.writeUint8(8);
        w.writeInt64LE(extraNonce);
        w.writeUint8(TAG.length);
        w.writeBytes(TAG);
        return Script.of(w.toByteArray());
    }
}
