package org.nakamoto.chain.store;

import org.nakamoto.chain.model.Hash256;

/**
 * Totals over the UTXO set and a digest of it, all read from one consistent snapshot
 * ({@code gettxoutsetinfo}). Immutable.
 */
public record UtxoStats(long coins, long totalSatoshis, Hash256 digest, long serializedBytes) {
}
