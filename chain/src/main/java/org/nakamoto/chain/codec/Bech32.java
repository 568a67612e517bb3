package org.nakamoto.chain.codec;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 strings (BIP173) and their checksum variant bech32m (BIP350): a human-readable part, the
 * separator {@code 1}, then 5-bit values in a 32-character alphabet ending in a six-character BCH
 * checksum. The two variants differ only in the constant the checksum is XORed with, so each is an
 * {@link Encoding} carrying that constant; decoding tells which one a string uses.
 *
 * <p>This layer knows nothing of witness programs; {@code SegwitAddress} in the model adds the version
 * and program rules.
 */
public final class Bech32 {
    /** BIP173: a bech32 string is at most 90 characters. */
    public static final int MAX_LENGTH = 90;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    /** The checksum variants; adding one is adding its constant. */
    public enum Encoding {
        /** BIP173, for witness version 0. */
        BECH32(1),
        /** BIP350, for witness versions 1 to 16 (taproot). */
        BECH32M(0x2bc830a3);

        private final int constant;

        Encoding(int constant) {
            this.constant = constant;
        }

        /** What a valid checksum's residue equals under this variant. */
        int constant() {
            return constant;
        }
    }

    /** A decoded string: its human-readable part (lower case), 5-bit data without checksum, and variant. */
    public record Decoded(String hrp, byte[] data, Encoding encoding) {
    }

    private Bech32() {
    }

    /** Encodes {@code hrp} and 5-bit values; the result is lower case. */
    public static String encode(String hrp, byte[] values, Encoding encoding) {
        String h = hrp.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !h.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw new IllegalArgumentException("bad human-readable part: " + hrp);
        }
        int[] checksum = checksum(h, values, encoding);
        StringBuilder sb = new StringBuilder(h.length() + 1 + values.length + CHECKSUM_LENGTH).append(h).append('1');
        for (byte v : values) {
            if ((v & 0xff) >= 32) {
                throw new IllegalArgumentException("value over 5 bits: " + v);
            }
            sb.append(CHARSET.charAt(v));
        }
        for (int c : checksum) {
            sb.append(CHARSET.charAt(c));
        }
        if (sb.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("bech32 string over " + MAX_LENGTH + " characters");
        }
        return sb.toString();
    }

    /**
     * Decodes a string of either variant.
     *
     * @throws ParseException on mixed case, characters out of range, a missing separator, an empty
     *     human-readable part, a data part shorter than the checksum, a string over 90 characters, or a
     *     checksum that matches neither variant
     */
    public static Decoded decode(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ParseException("bech32 string over " + MAX_LENGTH + " characters");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new ParseException("bech32 character out of range at " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new ParseException("bech32 string of mixed case");
        }
        String s = text.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1) {
            throw new ParseException("bech32 string without human-readable part or separator");
        }
        if (s.length() - sep - 1 < CHECKSUM_LENGTH) {
            throw new ParseException("bech32 data part shorter than its checksum");
        }
        String hrp = s.substring(0, sep);
        byte[] all = new byte[s.length() - sep - 1];
        for (int i = 0; i < all.length; i++) {
            int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                throw new ParseException("invalid bech32 character '" + s.charAt(sep + 1 + i) + "'");
            }
            all[i] = (byte) v;
        }
        int residue = polymod(hrp, all);
        for (Encoding e : Encoding.values()) {
            if (residue == e.constant) {
                byte[] data = new byte[all.length - CHECKSUM_LENGTH];
                System.arraycopy(all, 0, data, 0, data.length);
                return new Decoded(hrp, data, e);
            }
        }
        throw new ParseException("bad bech32 checksum");
    }

    /**
     * Regroups bits, e.g. bytes (8) into 5-bit values for encoding ({@code pad} true) and back ({@code pad}
     * false, where leftover bits must be fewer than {@code from} and all zero, as BIP173 requires).
     */
    public static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            int v = b & 0xff;
            if (v >> from != 0) {
                throw new ParseException("value over " + from + " bits");
            }
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new ParseException("non-zero or excess padding in bech32 data");
        }
        return out.toByteArray();
    }

    private static int[] checksum(String hrp, byte[] values, Encoding encoding) {
        byte[] padded = new byte[values.length + CHECKSUM_LENGTH];
        System.arraycopy(values, 0, padded, 0, values.length);
        int mod = polymod(hrp, padded) ^ encoding.constant;
        int[] out = new int[CHECKSUM_LENGTH];
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            out[i] = (mod >>> (5 * (5 - i))) & 31;
        }
        return out;
    }

    /** The 5-bit value of a data character, or -1 when it is not in the alphabet (lower case only). */
    static int value(char c) {
        return CHARSET.indexOf(c);
    }

    /** BIP173's BCH code over the expanded human-readable part (high bits, 0, low bits) and the values. */
    static int polymod(String hrp, byte[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (byte v : values) {
            chk = step(chk, v & 0xff);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }
}
