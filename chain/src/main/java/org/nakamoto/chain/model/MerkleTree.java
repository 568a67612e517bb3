package org.nakamoto.chain.model;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.crypto.Hashes;

/**
 * Bitcoin's merkle root. Also reports whether the tree was "mutated" (CVE-2012-2459): two identical
 * adjacent hashes at any level mean a different transaction list has the same root, so a block with
 * that property is rejected rather than cached as invalid under the wrong id.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    public record Result(Hash256 root, boolean mutated) {
    }

    public static Result compute(List<Hash256> leaves) {
        if (leaves.isEmpty()) {
            return new Result(Hash256.ZERO, false);
        }
        List<byte[]> level = new ArrayList<>(leaves.size());
        for (Hash256 h : leaves) {
            level.add(h.toBytes());
        }
        boolean mutated = false;
        byte[] pair = new byte[64];
        while (level.size() > 1) {
            for (int i = 0; i + 1 < level.size(); i += 2) {
                if (java.util.Arrays.equals(level.get(i), level.get(i + 1))) {
                    mutated = true;
                }
            }
            if (level.size() % 2 == 1) {
                level.add(level.get(level.size() - 1));
            }
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                System.arraycopy(level.get(i), 0, pair, 0, 32);
                System.arraycopy(level.get(i + 1), 0, pair, 32, 32);
                next.add(Hashes.sha256d(pair));
            }
            level = next;
        }
        return new Result(Hash256.wrap(level.get(0)), mutated);
    }

    public static Hash256 root(List<Hash256> leaves) {
        return compute(leaves).root();
    }

    public static Result ofTransactions(List<Transaction> txs) {
        List<Hash256> ids = new ArrayList<>(txs.size());
        for (Transaction tx : txs) {
            ids.add(tx.txid());
        }
        return compute(ids);
    }

    /**
     * BIP141's witness merkle tree: the wtxids, with the coinbase's replaced by zero (the coinbase commits
     * to this root, so it cannot contain its own wtxid).
     */
    public static Result ofWitnesses(List<Transaction> txs) {
        List<Hash256> ids = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            ids.add(i == 0 ? Hash256.ZERO : txs.get(i).wtxid());
        }
        return compute(ids);
    }
}
