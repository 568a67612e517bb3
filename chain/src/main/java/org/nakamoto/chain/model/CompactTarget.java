package org.nakamoto.chain.model;

import java.math.BigInteger;

/**
 * A target decoded from the 32-bit "compact" form that headers carry in {@code bits}: one exponent byte
 * (the length in bytes) and a 24-bit mantissa whose top bit is a sign. The decoding follows Bitcoin
 * Core's {@code arith_uint256::SetCompact} bit for bit, including the two flags that make an encoding
 * invalid for proof of work, and {@link #encode(BigInteger)} follows {@code GetCompact}.
 *
 * @param value    the magnitude as Core's 256-bit integer holds it (bits shifted past 2^256 are lost,
 *                 as in Core; only meaningful when {@code overflow} is false)
 * @param negative the sign bit was set on a non-zero mantissa
 * @param overflow a non-zero mantissa was shifted past 256 bits
 */
public record CompactTarget(BigInteger value, boolean negative, boolean overflow) {
    private static final BigInteger MASK_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final long SIGN_BIT = 0x00800000L;
    private static final long MANTISSA = 0x007fffffL;

    public CompactTarget {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value must be an unsigned 256-bit number: " + value);
        }
    }

    /** Decodes {@code bits} (an unsigned 32-bit value) exactly as Core's SetCompact. */
    public static CompactTarget decode(long bits) {
        if (bits < 0 || bits > 0xffffffffL) {
            throw new IllegalArgumentException("bits out of uint32 range: " + bits);
        }
        int size = (int) (bits >>> 24);
        long word = bits & MANTISSA;
        BigInteger value;
        if (size <= 3) {
            // Core shifts the mantissa itself here, so the flags below see the shifted word.
            word >>>= 8 * (3 - size);
            value = BigInteger.valueOf(word);
        } else {
            value = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).and(MASK_256);
        }
        boolean negative = word != 0 && (bits & SIGN_BIT) != 0;
        boolean overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return new CompactTarget(value, negative, overflow);
    }

    /**
     * Encodes a number as Core's GetCompact: the shortest exponent, and never a mantissa with its sign
     * bit set (such a mantissa is shifted one byte right instead). A negative argument sets the sign bit,
     * as {@code GetCompact(true)} does, unless the mantissa is zero.
     */
    public static long encode(BigInteger number) {
        BigInteger magnitude = number.abs();
        if (magnitude.bitLength() > 256) {
            throw new IllegalArgumentException("not a 256-bit number: " + number);
        }
        int size = (magnitude.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = magnitude.longValue() << 8 * (3 - size);
        } else {
            compact = magnitude.shiftRight(8 * (size - 3)).longValue();
        }
        if ((compact & SIGN_BIT) != 0) {
            compact >>>= 8;
            size++;
        }
        compact |= (long) size << 24;
        if (number.signum() < 0 && (compact & MANTISSA) != 0) {
            compact |= SIGN_BIT;
        }
        return compact;
    }

    /** True when the target may be used for proof of work at all: positive, in range, not signed. */
    public boolean isUsable() {
        return !negative && !overflow && value.signum() > 0;
    }
}
