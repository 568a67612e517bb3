package org.nakamoto.chain.consensus;

import java.util.List;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.ScriptCode;

/**
 * Context-free block rules (Bitcoin Core's CheckBlock, less the header's proof of work, which
 * {@code ProofOfWork} checks): merkle root, stripped size, coinbase placement, every transaction's own
 * rules and the legacy signature-operation limit. The witness commitment and the full weight need the
 * segwit height, so {@link BlockConnector#checkContext} checks them.
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
        // Core: the stripped size times four (the weight it would have without witnesses) within the
        // weight limit. The witnesses are weighed in the context check, once the commitment is known good.
        if (txs.isEmpty() || (long) txs.size() * Transaction.WITNESS_SCALE_FACTOR > params.maxBlockWeight()
                || (long) block.strippedSize() * Transaction.WITNESS_SCALE_FACTOR > params.maxBlockWeight()) {
            throw new ValidationException(RejectReason.BAD_BLOCK_LENGTH,
                    block.strippedSize() + " bytes without witnesses, " + txs.size() + " txs");
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
        int sigOps = 0;
        for (Transaction tx : txs) {
            sigOps += legacySigOps(tx);
        }
        if ((long) sigOps * Transaction.WITNESS_SCALE_FACTOR > params.maxBlockSigOpsCost()) {
            throw new ValidationException(RejectReason.BAD_SIGOPS, sigOps + " > " + maxSigOps(params));
        }
    }

    /** The legacy sigop limit the cost limit implies: 20,000 on Bitcoin (80,000 cost units / 4). */
    public static int maxSigOps(NetworkParams params) {
        return params.maxBlockSigOpsCost() / Transaction.WITNESS_SCALE_FACTOR;
    }

    /** Core's GetLegacySigOpCount: every scriptSig and scriptPubKey of the transaction, counted inaccurately. */
    public static int legacySigOps(Transaction tx) {
        int n = 0;
        for (var in : tx.inputs()) {
            n += ScriptCode.legacySigOpCount(in.scriptSig().unsafeBytes());
        }
        for (var out : tx.outputs()) {
            n += ScriptCode.legacySigOpCount(out.scriptPubKey().unsafeBytes());
        }
        return n;
    }
}
