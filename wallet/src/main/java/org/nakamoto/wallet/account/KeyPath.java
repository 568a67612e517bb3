package org.nakamoto.wallet.account;

/**
 * Where an address sits below the account key: BIP44's change level (0 receive, 1 change) and the index.
 */
public record KeyPath(int chain, int index) {
    public static final int RECEIVE = 0;
    public static final int CHANGE = 1;

    public KeyPath {
        if (chain != RECEIVE && chain != CHANGE) {
            throw new IllegalArgumentException("chain must be 0 (receive) or 1 (change), got " + chain);
        }
        if (index < 0) {
            throw new IllegalArgumentException("address index must be below 2^31, got " + index);
        }
    }

    public boolean isChange() {
        return chain == CHANGE;
    }

    /** Relative to the account: "0/5". */
    @Override
    public String toString() {
        return chain + "/" + index;
    }
}
