package org.nakamoto.wallet.account;

/**
 * Where an address sits: its type (which account, m/44', m/49' or m/84'), BIP44's change level (0 receive,
 * 1 change) and the index. The types share their indexes: index i is handed out once, in one type.
 */
public record KeyPath(AddressType type, int chain, int index) {
    public static final int RECEIVE = 0;
    public static final int CHANGE = 1;

    public KeyPath {
        if (type == null) {
            throw new IllegalArgumentException("address type is required");
        }
        if (chain != RECEIVE && chain != CHANGE) {
            throw new IllegalArgumentException("chain must be 0 (receive) or 1 (change), got " + chain);
        }
        if (index < 0) {
            throw new IllegalArgumentException("address index must be below 2^31, got " + index);
        }
    }

    /** A pay-to-pubkey-hash (BIP44) path, the only kind before segwit. */
    public KeyPath(int chain, int index) {
        this(AddressType.LEGACY, chain, index);
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
