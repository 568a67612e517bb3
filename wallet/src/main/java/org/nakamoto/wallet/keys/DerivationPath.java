package org.nakamoto.wallet.keys;

import java.util.Arrays;
import org.nakamoto.chain.codec.ParseException;

/**
 * A BIP32 path such as {@code m/44'/1'/0'/0/5}: a list of child numbers, each a 32-bit unsigned index whose
 * top bit marks a hardened child. Written with ' for hardened; h or H is accepted on input too, as other
 * wallets print it that way. Applied relative to whatever key it is given.
 */
public final class DerivationPath {
    public static final int HARDENED_BIT = 0x80000000;
    public static final DerivationPath MASTER = new DerivationPath(new int[0]);

    private final int[] indices;

    private DerivationPath(int[] indices) {
        this.indices = indices;
    }

    /** A path of raw child numbers (hardened ones with {@link #HARDENED_BIT} set). */
    public static DerivationPath of(int... childNumbers) {
        return new DerivationPath(childNumbers.clone());
    }

    /**
     * Parses "m" or "m/" followed by slash-separated indices below 2^31, each optionally suffixed ', h or H.
     *
     * @throws ParseException on anything else, naming the offending component
     */
    public static DerivationPath parse(String text) {
        String s = text.strip();
        if (s.equals("m")) {
            return MASTER;
        }
        if (!s.startsWith("m/")) {
            throw new ParseException("derivation path must start with \"m/\": \"" + text + "\"");
        }
        String[] parts = s.substring(2).split("/", -1);
        int[] indices = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            indices[i] = parseComponent(parts[i], text);
        }
        return new DerivationPath(indices);
    }

    private static int parseComponent(String part, String path) {
        boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
        String digits = hardened ? part.substring(0, part.length() - 1) : part;
        // Digits only: no sign, no spaces, and short enough that the parse below cannot overflow a long.
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ParseException("bad derivation path component \"" + part + "\" in \"" + path + "\"");
        }
        long index = Long.parseLong(digits);
        if (index >= 1L << 31) {
            throw new ParseException("derivation index " + index + " is not below 2^31 in \"" + path
                    + "\" (write hardened indices with ', not by adding 2^31)");
        }
        return hardened ? harden((int) index) : (int) index;
    }

    /** The hardened child number of an index below 2^31. */
    public static int harden(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index " + Integer.toUnsignedString(index) + " is not below 2^31");
        }
        return index | HARDENED_BIT;
    }

    public static boolean isHardened(int childNumber) {
        return (childNumber & HARDENED_BIT) != 0;
    }

    /** This path extended by one child number. */
    public DerivationPath child(int childNumber) {
        int[] longer = Arrays.copyOf(indices, indices.length + 1);
        longer[indices.length] = childNumber;
        return new DerivationPath(longer);
    }

    public int size() {
        return indices.length;
    }

    /** The child number at a depth, as a raw 32-bit value (hardened ones negative as an int). */
    public int get(int i) {
        return indices[i];
    }

    public boolean hasHardened() {
        for (int index : indices) {
            if (isHardened(index)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DerivationPath p && Arrays.equals(indices, p.indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m");
        for (int index : indices) {
            sb.append('/').append(index & ~HARDENED_BIT);
            if (isHardened(index)) {
                sb.append('\'');
            }
        }
        return sb.toString();
    }
}
