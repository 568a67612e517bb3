package org.nakamoto.chain.consensus;

import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;

/** One script evaluation a block or transaction needs: input {@code index} of {@code tx} against the coin it spends. */
public record InputCheck(Transaction tx, int index, Script spentScriptPubKey, long spentValue) {
}
