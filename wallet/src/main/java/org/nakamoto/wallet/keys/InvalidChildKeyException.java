package org.nakamoto.wallet.keys;

/**
 * BIP32 derivation hit one of its invalid cases (I_L &gt;= n, a zero private key, or the point at infinity).
 * The odds are below 1 in 2^127; BIP32 says to skip to the next index, which the caller choosing indices does.
 */
public final class InvalidChildKeyException extends RuntimeException {
    private final int childNumber;

    public InvalidChildKeyException(int childNumber, String reason) {
        super("BIP32 child " + Integer.toUnsignedString(childNumber) + " is invalid (" + reason + "); use the next index");
        this.childNumber = childNumber;
    }

    /** The raw child number that has no key. */
    public int childNumber() {
        return childNumber;
    }
}
