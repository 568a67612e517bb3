package org.nakamoto.chain.consensus;

import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.script.PrecomputedTxData;

/**
 * One script evaluation a block or transaction needs: input {@code index} of {@code tx} against the coin it
 * spends. {@code txData} is shared by every input of {@code tx} (Core's per-transaction
 * {@code PrecomputedTransactionData}): it holds the outputs all inputs spend, which BIP 341 signs, and the
 * transaction's signature-hash parts, hashed once however many inputs (and threads) use them.
 */
public record InputCheck(Transaction tx, int index, Script spentScriptPubKey, long spentValue,
        PrecomputedTxData txData) {
    public InputCheck {
        if (txData.tx() != tx) {
            throw new IllegalArgumentException("precomputed data of another transaction");
        }
    }
}
