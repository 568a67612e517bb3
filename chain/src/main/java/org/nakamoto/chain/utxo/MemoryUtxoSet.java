package org.nakamoto.chain.utxo;

import java.util.HashMap;
import java.util.Map;
import org.nakamoto.chain.model.OutPoint;

/**
 * A UTXO set held in a map, for tests and tools. Not thread-safe: one owner applies changes.
 */
public final class MemoryUtxoSet implements UtxoView {
    private final Map<OutPoint, Coin> coins = new HashMap<>();

    @Override
    public Coin get(OutPoint outpoint) {
        return coins.get(outpoint);
    }

    /** Applies a cache's changes: new coins are added, null entries removed. */
    public void apply(UtxoCache cache) {
        for (Map.Entry<OutPoint, Coin> e : cache.changes().entrySet()) {
            if (e.getValue() == null) {
                coins.remove(e.getKey());
            } else {
                coins.put(e.getKey(), e.getValue());
            }
        }
        cache.clear();
    }

    public int size() {
        return coins.size();
    }

    public Map<OutPoint, Coin> snapshot() {
        return Map.copyOf(coins);
    }
}
