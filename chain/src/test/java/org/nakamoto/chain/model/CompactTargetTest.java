package org.nakamoto.chain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SetCompact/GetCompact behaviour, with the cases of Core's arith_uint256 tests. */
class CompactTargetTest {

    private static BigInteger hex(String s) {
        return new BigInteger(s, 16);
    }

    @ParameterizedTest(name = "0x{0} decodes to zero and encodes back as 0")
    @CsvSource({"00000000", "00123456", "01003456", "02000056", "03000000", "04000000",
            "00923456", "01803456", "02800056", "03800000", "04800000"})
    void encodingsOfZero(String bits) {
        CompactTarget t = CompactTarget.decode(Long.parseLong(bits, 16));
        assertEquals(BigInteger.ZERO, t.value());
        // The sign bit only counts on a non-zero mantissa, after a short exponent shifted it away.
        assertFalse(t.negative());
        assertFalse(t.overflow());
        assertFalse(t.isUsable());
        assertEquals(0L, CompactTarget.encode(t.value()));
    }

    @ParameterizedTest(name = "0x{0} -> 0x{1} -> 0x{2}")
    @CsvSource({
        "01123456, 12, 01120000",
        "02123456, 1234, 02123400",
        "03123456, 123456, 03123456",
        "04123456, 12345600, 04123456",
        "05009234, 92340000, 05009234",
        "20123456, 1234560000000000000000000000000000000000000000000000000000000000, 20123456",
        "1d00ffff, ffff0000000000000000000000000000000000000000000000000000, 1d00ffff",
    })
    void positiveEncodings(String bits, String value, String reencoded) {
        CompactTarget t = CompactTarget.decode(Long.parseLong(bits, 16));
        assertEquals(hex(value), t.value());
        assertFalse(t.negative());
        assertFalse(t.overflow());
        assertTrue(t.isUsable());
        assertEquals(Long.parseLong(reencoded, 16), CompactTarget.encode(t.value()));
    }

    @Test
    void signBitMakesNegative() {
        CompactTarget t = CompactTarget.decode(0x04923456L);
        assertEquals(hex("12345600"), t.value());
        assertTrue(t.negative());
        assertFalse(t.isUsable());
        assertEquals(0x04923456L, CompactTarget.encode(t.value().negate()));

        CompactTarget small = CompactTarget.decode(0x01fedcbaL);
        assertEquals(hex("7e"), small.value());
        assertTrue(small.negative());
        assertEquals(0x01fe0000L, CompactTarget.encode(small.value().negate()));
    }

    @Test
    void encodeNeverSetsTheSignBitForAPositiveNumber() {
        // 0x80 would be mantissa 0x800000, which reads as negative: one more exponent byte instead.
        assertEquals(0x02008000L, CompactTarget.encode(hex("80")));
        assertEquals(0x05008000L, CompactTarget.encode(hex("80000000")));
        assertEquals(0x21008000L, CompactTarget.encode(BigInteger.ONE.shiftLeft(255)));
        // A negative zero has no sign.
        assertEquals(0L, CompactTarget.encode(BigInteger.ZERO.negate()));
    }

    @Test
    void overflow() {
        assertTrue(CompactTarget.decode(0xff123456L).overflow());
        // The largest exponents that still fit 256 bits, per mantissa width.
        assertFalse(CompactTarget.decode(0x220000ffL).overflow());
        assertTrue(CompactTarget.decode(0x230000ffL).overflow());
        assertFalse(CompactTarget.decode(0x2100ffffL).overflow());
        assertTrue(CompactTarget.decode(0x2200ffffL).overflow());
        assertFalse(CompactTarget.decode(0x20123456L).overflow());
        assertTrue(CompactTarget.decode(0x21123456L).overflow());
        // A zero mantissa never overflows, whatever the exponent.
        assertFalse(CompactTarget.decode(0xff000000L).overflow());
        assertEquals(BigInteger.ONE.shiftLeft(248).multiply(hex("ff")), CompactTarget.decode(0x220000ffL).value());
    }

    @Test
    void roundTripsOfNumbersAlreadyInCompactPrecision() {
        for (int size = 1; size <= 32; size++) {
            for (long mantissa : new long[] {0x01, 0x7f, 0x80, 0xff, 0x0100, 0x7fff, 0x8000, 0x123456, 0x7fffff}) {
                BigInteger n = BigInteger.valueOf(mantissa).shiftLeft(8 * (size - 1));
                if (n.bitLength() > 256) {
                    continue;
                }
                long bits = CompactTarget.encode(n);
                CompactTarget back = CompactTarget.decode(bits);
                assertTrue(back.isUsable(), () -> "bits " + Long.toHexString(bits));
                // At most three significant bytes, top bit of a three-byte mantissa clear: nothing is lost.
                assertEquals(n, back.value(), () -> "bits " + Long.toHexString(bits));
                assertEquals(bits, CompactTarget.encode(back.value()));
            }
        }
    }

    @Test
    void encodeTruncatesToTheTopBytes() {
        assertEquals(0x04123456L, CompactTarget.encode(hex("123456ff")));
        // A 0x80 top byte leaves room for only two: the third is dropped.
        assertEquals(0x06008034L, CompactTarget.encode(hex("80345678ff")));
        assertEquals(hex("12345600"), CompactTarget.decode(0x04123456L).value());
    }

    @Test
    void rejectsOutOfRangeInput() {
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(-1));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.decode(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> CompactTarget.encode(BigInteger.ONE.shiftLeft(256)));
    }
}
