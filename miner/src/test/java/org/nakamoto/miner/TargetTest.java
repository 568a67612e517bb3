package org.nakamoto.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.Hashes;

class TargetTest {
    @Test
    void rejectsValuesOutside256Bits() {
        assertThrows(IllegalArgumentException.class, () -> Target.of(BigInteger.ONE.negate()));
        assertThrows(IllegalArgumentException.class, () -> Target.of(BigInteger.ONE.shiftLeft(256)));
        Target.of(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    }

    @Test
    void topWordIsTheMostSignificant32Bits() {
        assertEquals(0x00000000, Target.of(TestHeaders.GENESIS_TARGET).topWord());
        assertEquals(0xffffffff, Target.of(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)).topWord());
        assertEquals(0x00ffff00, Target.of(BigInteger.valueOf(0xffff).shiftLeft(8 * (0x20 - 3))).topWord());
    }

    @Test
    void comparesDigestsAsLittleEndianNumbersIncludingEquality() {
        Random rnd = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] digest = Hashes.sha256(TestHeaders.random(rnd));
            BigInteger value = littleEndian(digest);
            assertTrue(Target.of(value).isMetBy(digest));
            assertTrue(Target.of(value.add(BigInteger.ONE)).isMetBy(digest));
            if (value.signum() > 0) {
                assertFalse(Target.of(value.subtract(BigInteger.ONE)).isMetBy(digest));
            }
        }
    }

    private static BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            be[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, be);
    }
}
