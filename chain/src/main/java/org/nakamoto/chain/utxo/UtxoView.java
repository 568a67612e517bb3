package org.nakamoto.chain.utxo;

import org.nakamoto.chain.model.OutPoint;

/** Read access to a set of unspent outputs. */
public interface UtxoView {
    /** The unspent coin at {@code outpoint}, or null if it does not exist or is spent. */
    Coin get(OutPoint outpoint);
}
