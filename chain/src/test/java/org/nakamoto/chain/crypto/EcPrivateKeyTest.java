package org.nakamoto.chain.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;

class EcPrivateKeyTest {
    private static final EcPrivateKey ONE = EcPrivateKey.of(BigInteger.ONE);

    /** The RFC 6979 secp256k1/SHA-256 vectors circulated among Bitcoin libraries (low-S form). */
    @Test
    void rfc6979KnownVectors() {
        EcdsaSignature sig = ONE.sign(Hashes.sha256("Satoshi Nakamoto".getBytes(UTF_8)));
        assertEquals(new BigInteger("934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8", 16), sig.r());
        assertEquals(new BigInteger("2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5", 16), sig.s());
        assertEquals("3045022100934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                        + "02202442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
                Hex.encode(sig.encodeDer()));

        EcdsaSignature sig2 = ONE.sign(Hashes.sha256(
                "All those moments will be lost in time, like tears in rain. Time to die...".getBytes(UTF_8)));
        assertEquals(new BigInteger("8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b", 16), sig2.r());
        assertEquals(new BigInteger("547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21", 16), sig2.s());
    }

    @Test
    void signaturesAreDeterministicLowSAndVerify() {
        SecureRandom random = new SecureRandom(new byte[] {42});
        for (int i = 0; i < 50; i++) {
            EcPrivateKey key = EcPrivateKey.generate(random);
            byte[] hash = Hashes.sha256(new byte[] {(byte) i});
            EcdsaSignature a = key.sign(hash);
            assertEquals(a, key.sign(hash));
            assertTrue(a.isLowS());
            assertTrue(key.publicKey().verify(hash, a));
            // The high-S twin verifies too (consensus accepts it), but is not what we produce.
            EcdsaSignature high = new EcdsaSignature(a.r(), Secp256k1.N.subtract(a.s()));
            assertFalse(high.isLowS());
            assertTrue(key.publicKey().verify(hash, high));
            assertTrue(Secp256k1.verify(hash, a.encodeDer(), key.publicKeyBytes(i % 2 == 0)));
            byte[] other = hash.clone();
            other[0] ^= 1;
            assertFalse(key.publicKey().verify(other, a));
        }
    }

    @Test
    void publicKeyEncodingsAndHash160OfKeyOne() {
        assertEquals("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
                Hex.encode(ONE.publicKeyBytes(true)));
        assertEquals("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                        + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
                Hex.encode(ONE.publicKeyBytes(false)));
        // Hash160 of key 1's compressed key: address 1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH.
        assertEquals("751e76e8199196d454941c45d1b3a323f1433bd6", Hex.encode(ONE.publicKey().hash160(true)));
    }

    @Test
    void secretRoundTripsAndRangeIsEnforced() {
        byte[] secret = new byte[32];
        secret[31] = 7;
        assertArrayEquals(secret, EcPrivateKey.fromBytes(secret).toBytes());
        byte[] big = Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        assertArrayEquals(big, EcPrivateKey.fromBytes(big).toBytes());
        assertThrows(IllegalArgumentException.class, () -> EcPrivateKey.of(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> EcPrivateKey.of(Secp256k1.N));
        assertThrows(IllegalArgumentException.class, () -> EcPrivateKey.fromBytes(new byte[31]));
        assertFalse(ONE.toString().contains("0000000000000001"));
    }
}
