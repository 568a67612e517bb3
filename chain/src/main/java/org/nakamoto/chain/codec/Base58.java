package org.nakamoto.chain.codec;

import java.util.Arrays;

/**
 * Bitcoin's Base58: the bytes read as one big-endian number written in the alphabet below, which leaves out
 * 0, O, I and l so that a hand-copied string is not misread. Each leading zero byte becomes a leading '1',
 * because a number has no leading zeros of its own to keep them.
 */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] DIGIT = new int[128];

    static {
        Arrays.fill(DIGIT, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGIT[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // Base-256 to base-58 by repeated division; digits come out least significant first.
        byte[] number = Arrays.copyOfRange(bytes, zeros, bytes.length);
        char[] out = new char[zeros + bytes.length * 2];
        int end = out.length;
        int start = 0;
        while (start < number.length) {
            int remainder = 0;
            for (int i = start; i < number.length; i++) {
                int value = remainder * 256 + (number[i] & 0xff);
                number[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            out[--end] = ALPHABET[remainder];
            while (start < number.length && number[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            out[--end] = ALPHABET[0];
        }
        return new String(out, end, out.length - end);
    }

    /** @throws ParseException on any character outside the Base58 alphabet, with its position */
    public static byte[] decode(String text) {
        int ones = 0;
        while (ones < text.length() && text.charAt(ones) == ALPHABET[0]) {
            ones++;
        }
        // Base-58 to base-256; every 58 fits in under 6 bits, so 3/4 of a byte per character is enough room.
        byte[] number = new byte[text.length() * 3 / 4 + 1];
        int used = 0;
        for (int pos = ones; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            int digit = c < 128 ? DIGIT[c] : -1;
            if (digit < 0) {
                throw new ParseException("invalid Base58 character '" + printable(c) + "' at position " + pos);
            }
            int carry = digit;
            for (int i = number.length - 1; i >= number.length - used || carry != 0; i--) {
                int value = (number[i] & 0xff) * 58 + carry;
                number[i] = (byte) value;
                carry = value >>> 8;
                used = Math.max(used, number.length - i);
            }
        }
        byte[] out = new byte[ones + used];
        System.arraycopy(number, number.length - used, out, ones, used);
        return out;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
