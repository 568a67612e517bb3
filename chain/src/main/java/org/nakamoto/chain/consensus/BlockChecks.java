package org.nakamoto.chain.consensus;

import java.util.List;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;

/**
 * Context-free block rules (Bitcoin Core's CheckBlock, less the header's proof of work, which
 * {@code ProofOfWork} checks): merkle root, size, coinbase placement and every transaction's own rules.
 * Checked in Core's order, so the first failure is reported with the reason Core would give.
 */
public final class BlockChecks {
    private BlockChecks() {
    }

    public static void check(Block block, NetworkParams params) throws ValidationException {
        List<Transaction> txs = block.transactions();
        MerkleTree.Result merkle = MerkleTree.ofTransactions(txs);
        if (!merkle.root().equals(block.header().merkleRoot())) {
            throw new ValidationException(RejectReason.BAD_MERKLE_ROOT, block.hash().toString());
        }
        if (merkle.mutated()) {
            throw new ValidationException(RejectReason.MUTATED_MERKLE, block.hash().toString());
        }
        if (txs.isEmpty() || block.size() > params.maxBlockSize()) {
            throw new ValidationException(RejectReason.BAD_BLOCK_LENGTH, block.size() + " bytes, " + txs.size() + " txs");
        }
        if (!txs.get(0).isCoinbase()) {
            throw new ValidationException(RejectReason.FIRST_TX_NOT_COINBASE, block.hash().toString());
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                throw new ValidationException(RejectReason.MULTIPLE_COINBASE, "transaction " + i);
            }
        }
        for (Transaction tx : txs) {
            TransactionChecks.check(tx, params.maxBlockSize());
        }
    }
}
