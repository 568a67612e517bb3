package org.nakamoto.chain.store;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.utxo.BlockUndo;
import org.nakamoto.chain.utxo.Coin;

/**
 * The consistency check a store gets when it is opened, as Bitcoin Core's {@code -checkblocks}: the last
 * N blocks of the stored chain, walked down from the tip through the index, each with its body present,
 * parsing, hashing to its index record and matching its merkle root, and its undo data present and
 * holding one coin per input the block spends; the coins the tip created (those it did not spend itself)
 * present in the UTXO set; and a sample of coins from all over the key space. Every read verifies
 * LevelDB's checksums. With N = 0, every block down to genesis and every coin are read.
 *
 * <p>A failure is a {@link StoreException} naming the store and the record, suggesting --reindex.
 * Stateless over the store.
 */
public final class StoreCheck {
    /** Bitcoin Core's default -checkblocks. */
    public static final int DEFAULT_BLOCKS = 6;
    private static final int TIP_COINS = 100;
    private static final int SAMPLE_SEEKS = 16;
    private static final int SAMPLE_RUN = 8;

    /** What a check read: blocks (bodies and undo data), coins, table files; and how long it took. */
    public record Report(int blocks, long coins, int tables, long millis) {
    }

    private final StoreDatabase db;
    private final BlockIndexStore index;
    private final BlockBodyStore bodies;
    private final UndoStore undos;
    private final CoinStore coins;

    StoreCheck(StoreDatabase db, BlockIndexStore index, BlockBodyStore bodies, UndoStore undos, CoinStore coins) {
        this.db = db;
        this.index = index;
        this.bodies = bodies;
        this.undos = undos;
        this.coins = coins;
    }

    Report run(int blocks, int tables) {
        long start = System.nanoTime();
        Hash256 tip = coins.tip();
        if (tip == null) {
            return new Report(0, 0, tables, 0);
        }
        int checked = 0;
        Hash256 h = tip;
        Block tipBlock = null;
        while (blocks == 0 || checked < blocks) {
            IndexRecord r = index.get(h);
            if (r == null) {
                throw damaged((checked == 0 ? "its tip " : "block ") + h + " has no index record");
            }
            Block b = checkBody(h, r);
            if (checked == 0) {
                tipBlock = b;
            }
            if (r.height() > 0) {
                checkUndo(h, r, b);
            }
            checked++;
            if (r.height() == 0) {
                break;
            }
            h = r.header().prevHash();
        }
        long coinsRead = checkTipCoins(tipBlock, index.get(tip).height());
        if (blocks == 0) {
            long[] all = {0};
            coins.forEach((op, c) -> all[0]++); // every coin: checksums verified, each value parsed
            coinsRead += all[0];
        } else {
            coinsRead += sampleCoins(tip);
        }
        return new Report(checked, coinsRead, tables, (System.nanoTime() - start) / 1_000_000);
    }

    private Block checkBody(Hash256 h, IndexRecord r) {
        Block b = bodies.get(h);
        if (b == null) {
            throw damaged("the body of block " + h + " (height " + r.height() + ") is missing");
        }
        if (!b.hash().equals(h) || !b.header().equals(r.header())) {
            throw damaged("the body stored for block " + h + " (height " + r.height() + ") is another block's");
        }
        MerkleTree.Result merkle = MerkleTree.ofTransactions(b.transactions());
        if (!merkle.root().equals(b.header().merkleRoot())) {
            throw damaged("the body of block " + h + " (height " + r.height() + ") does not match its merkle root");
        }
        return b;
    }

    private void checkUndo(Hash256 h, IndexRecord r, Block b) {
        BlockUndo undo = undos.get(h);
        if (undo == null) {
            throw damaged("the undo data of block " + h + " (height " + r.height() + ") is missing");
        }
        long inputs = b.transactions().stream().filter(t -> !t.isCoinbase()).mapToLong(t -> t.inputs().size()).sum();
        if (undo.spent().size() != inputs) {
            throw damaged("the undo data of block " + h + " (height " + r.height() + ") holds " + undo.spent().size()
                    + " coins for " + inputs + " inputs");
        }
    }

    /** The outputs the tip created and did not spend itself must be in the UTXO set, at the tip's height. */
    private long checkTipCoins(Block tip, int height) {
        if (height == 0) {
            return 0; // the genesis block's outputs are never added (as in Core)
        }
        Set<OutPoint> spentHere = new HashSet<>();
        for (Transaction t : tip.transactions()) {
            for (TxIn in : t.inputs()) {
                spentHere.add(in.prevout());
            }
        }
        long n = 0;
        for (Transaction t : tip.transactions()) {
            for (int o = 0; o < t.outputs().size() && n < TIP_COINS; o++) {
                OutPoint op = new OutPoint(t.txid(), o);
                if (spentHere.contains(op)) {
                    continue;
                }
                Coin c = coins.get(op);
                if (c == null || c.height() != height) {
                    throw damaged("the UTXO set does not hold " + op + ", an output of its tip " + tip.hash()
                            + (c == null ? "" : " (it holds one of height " + c.height() + ")"));
                }
                n++;
            }
        }
        return n;
    }

    /** Short runs of coins from random points of the key space, so that every table's coins may be hit. */
    private long sampleCoins(Hash256 tip) {
        Random rnd = new Random(tip.hashCode());
        long[] n = {0};
        for (int i = 0; i < SAMPLE_SEEKS; i++) {
            byte[] start = new byte[33];
            rnd.nextBytes(start);
            start[0] = StoreLayout.COIN;
            db.forEachFrom(start, SAMPLE_RUN, (k, v) -> {
                db.parse(() -> Coin.parse(v), "coin " + StoreLayout.coinKeyToOutPoint(k));
                n[0]++;
            });
        }
        return n[0];
    }

    private StoreException damaged(String what) {
        return TableFiles.damaged(db.directory(), what);
    }
}
