package org.nakamoto.chain.utxo;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.nakamoto.chain.model.OutPoint;

/**
 * Pending changes over a base view: what a block (or a run of blocks) adds and spends, before they are
 * written to the base in one batch. A spent entry is kept as a null value so it hides the base's coin.
 * Not thread-safe: owned by the single chain writer (or by one mempool check) at a time.
 */
public final class UtxoCache implements UtxoView {
    private final UtxoView base;
    private final Map<OutPoint, Coin> changes = new HashMap<>();

    public UtxoCache(UtxoView base) {
        this.base = base;
    }

    @Override
    public Coin get(OutPoint outpoint) {
        if (changes.containsKey(outpoint)) {
            return changes.get(outpoint);
        }
        return base.get(outpoint);
    }

    public void add(OutPoint outpoint, Coin coin) {
        changes.put(outpoint, coin);
    }

    /** Marks a coin spent and returns it, or returns null if there was no such unspent coin. */
    public Coin spend(OutPoint outpoint) {
        Coin c = get(outpoint);
        if (c != null) {
            changes.put(outpoint, null);
        }
        return c;
    }

    /** Outpoint to new coin, or to null for a spent one. */
    public Map<OutPoint, Coin> changes() {
        return Collections.unmodifiableMap(changes);
    }

    public void clear() {
        changes.clear();
    }
}
