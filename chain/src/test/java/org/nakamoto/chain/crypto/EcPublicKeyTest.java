package org.nakamoto.chain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;

class EcPublicKeyTest {
    private static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(123456789));

    @Test
    void compressedAndUncompressedDecodeToTheSamePoint() {
        EcPublicKey c = EcPublicKey.decode(KEY.publicKeyBytes(true)).orElseThrow();
        EcPublicKey u = EcPublicKey.decode(KEY.publicKeyBytes(false)).orElseThrow();
        assertEquals(c, u);
        assertEquals(KEY.publicKey(), c);
        assertArrayEquals(KEY.publicKeyBytes(false), c.encode(false));
    }

    @Test
    void hybridKeysNeedTheRightParity() {
        byte[] u = KEY.publicKeyBytes(false);
        boolean yOdd = (u[64] & 1) == 1;
        byte[] hybrid = u.clone();
        hybrid[0] = (byte) (yOdd ? 0x07 : 0x06);
        assertEquals(KEY.publicKey(), EcPublicKey.decode(hybrid).orElseThrow());
        hybrid[0] = (byte) (yOdd ? 0x06 : 0x07);
        assertTrue(EcPublicKey.decode(hybrid).isEmpty());
    }

    @Test
    void invalidKeysAreEmptyNeverExceptions() {
        byte[] c = KEY.publicKeyBytes(true);
        byte[] u = KEY.publicKeyBytes(false);
        assertTrue(EcPublicKey.decode(new byte[0]).isEmpty());
        assertTrue(EcPublicKey.decode(null).isEmpty());
        assertTrue(EcPublicKey.decode(new byte[33]).isEmpty(), "prefix 00");
        assertTrue(EcPublicKey.decode(new byte[] {0}).isEmpty(), "infinity encoding");
        assertTrue(EcPublicKey.decode(java.util.Arrays.copyOf(c, 34)).isEmpty(), "trailing byte");
        assertTrue(EcPublicKey.decode(java.util.Arrays.copyOf(u, 64)).isEmpty(), "truncated");
        byte[] wrongPrefix = c.clone();
        wrongPrefix[0] = 0x04;
        assertTrue(EcPublicKey.decode(wrongPrefix).isEmpty(), "04 prefix with 33 bytes");
        byte[] offCurve = u.clone();
        offCurve[64] ^= 1;
        assertTrue(EcPublicKey.decode(offCurve).isEmpty(), "point not on the curve");
        byte[] xTooBig = new byte[33];
        xTooBig[0] = 0x02;
        System.arraycopy(Hex.decode("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"), 0, xTooBig, 1, 32);
        assertTrue(EcPublicKey.decode(xTooBig).isEmpty(), "x >= p");
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextBoolean() ? 33 : 65];
            random.nextBytes(b);
            b[0] = (byte) (2 + random.nextInt(6));
            EcPublicKey.decode(b); // must not throw
        }
    }

    @Test
    void secp256k1VerifyIsFalseOnGarbage() {
        byte[] hash = new byte[32];
        assertFalse(Secp256k1.verify(hash, new byte[0], KEY.publicKeyBytes(true)));
        assertFalse(Secp256k1.verify(hash, KEY.sign(hash).encodeDer(), new byte[] {2}));
        assertTrue(Secp256k1.verify(hash, KEY.sign(hash).encodeDer(), KEY.publicKeyBytes(true)));
    }
}
