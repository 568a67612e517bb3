package org.nakamoto.chain.script;

/**
 * Script numbers (Core's {@code CScriptNum}): little-endian sign-magnitude byte strings. Operands are at
 * most 4 bytes (longer ones fail the script), but results may overflow to 5 bytes and are still pushed;
 * they just cannot be used as operands again. Zero is the empty string. Non-minimal encodings are accepted
 * in legacy consensus and refused under the MINIMALDATA policy flag. Stateless.
 */
public final class ScriptNum {
    /** The longest operand accepted by arithmetic opcodes. */
    public static final int MAX_OPERAND_SIZE = 4;

    private ScriptNum() {
    }

    /**
     * Decodes an operand, as Core's {@code CScriptNum(vch, requireMinimal, maxSize)}: fails the script with
     * SCRIPTNUM when it is longer than {@code maxSize} bytes or, with {@code requireMinimal}, when a shorter
     * encoding of the same value exists.
     */
    static long decode(byte[] v, boolean requireMinimal, int maxSize) {
        if (v.length > maxSize) {
            throw new ScriptFailure(ScriptError.SCRIPTNUM);
        }
        if (requireMinimal && !isMinimal(v)) {
            throw new ScriptFailure(ScriptError.SCRIPTNUM);
        }
        return decodeUnchecked(v);
    }

    static long decode(byte[] v, boolean requireMinimal) {
        return decode(v, requireMinimal, MAX_OPERAND_SIZE);
    }

    /**
     * True when no shorter encoding has the same value: the last byte holds more than the sign bit, unless
     * it is needed because the byte before it uses its top bit. Zero is only the empty string.
     */
    static boolean isMinimal(byte[] v) {
        int n = v.length;
        if (n == 0 || (v[n - 1] & 0x7f) != 0) {
            return true;
        }
        return n > 1 && (v[n - 2] & 0x80) != 0;
    }

    /** Any length up to 8 bytes; used by tests and by callers that already bounded the size. */
    public static long decodeUnchecked(byte[] v) {
        if (v.length == 0) {
            return 0;
        }
        long result = 0;
        for (int i = 0; i < v.length; i++) {
            result |= (long) (v[i] & 0xff) << (8 * i);
        }
        int last = v[v.length - 1];
        if ((last & 0x80) != 0) {
            // The top bit of the last byte is the sign; the rest is the magnitude.
            return -(result & ~(0x80L << (8 * (v.length - 1))));
        }
        return result;
    }

    /** The minimal encoding of a value. */
    public static byte[] encode(long value) {
        if (value == 0) {
            return new byte[0];
        }
        boolean negative = value < 0;
        long abs = negative ? -value : value;
        byte[] buf = new byte[9];
        int n = 0;
        while (abs != 0) {
            buf[n++] = (byte) abs;
            abs >>>= 8;
        }
        if ((buf[n - 1] & 0x80) != 0) {
            // The magnitude uses the sign bit: add a byte to carry the sign.
            buf[n++] = (byte) (negative ? 0x80 : 0);
        } else if (negative) {
            buf[n - 1] |= (byte) 0x80;
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    /** Core's {@code CastToBool}: false for any encoding of zero, including "negative zero". */
    public static boolean castToBool(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                return !(i == v.length - 1 && (v[i] & 0xff) == 0x80);
            }
        }
        return false;
    }
}
