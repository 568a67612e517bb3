package org.nakamoto.wallet.account;

/**
 * Where an address sits: its type (which account, m/44', m/49', m/84' or m/86'), BIP44's change level (0 receive,
 * 1 change) and the index. The types share their indexes: index i is handed out once, in one type.
 */
public record KeyPath(AddressType type, int chain, int index) {
    public static final int RECEIVE = 0;
    public static final int CHANGE = 1;
    /**
     * 2^31-1: BIP32's non-hardened indexes end here; 2^31 and above are hardened and cannot be derived from the
     * account's extended public key. A wallet's next index stops at this value, which is never handed out, so
     * that "next" always fits in an int.
     */
    public static final int INDEX_LIMIT = Integer.MAX_VALUE;

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

    /**
     * The index to hand out next on {@code chain}, in {@code type}'s account, checked against
     * {@link #INDEX_LIMIT}.
     *
     * @throws org.nakamoto.wallet.WalletException when the chain has no fresh index left
     */
    public static KeyPath fresh(AddressType type, int chain, int next) {
        if (next < 0 || next >= INDEX_LIMIT) {
            throw new org.nakamoto.wallet.WalletException("no fresh " + (chain == CHANGE ? "change" : "receive")
                    + " address left: BIP32 non-hardened indexes end at 2^31-1 (" + INDEX_LIMIT + ") and this wallet's"
                    + " next index is " + next + "; create a new wallet for new addresses");
        }
        return new KeyPath(type, chain, next);
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
