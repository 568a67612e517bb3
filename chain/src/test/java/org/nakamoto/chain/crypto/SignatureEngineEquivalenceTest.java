package org.nakamoto.chain.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The native engine against the Java one on the same inputs: the same signatures out, the same verdicts
 * on valid, high-S, tampered and random signatures, the same keys accepted. Consensus depends on the two
 * never disagreeing.
 */
class SignatureEngineEquivalenceTest {
    private static final List<SignatureEngine> ENGINES = Engines.available();
    private static final SignatureEngine JAVA = SignatureEngines.java();

    @Test
    void ecdsaSignaturesAreIdenticalAndVerifyEverywhereInBothHalves() {
        Random random = new Random(15);
        for (int i = 0; i < 200; i++) {
            EcPrivateKey key = EcPrivateKey.of(new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            EcdsaSignature expected = JAVA.signEcdsa(hash, key);
            assertTrue(expected.isLowS());
            EcdsaSignature high = new EcdsaSignature(expected.r(), Secp256k1.N.subtract(expected.s()));
            byte[] otherHash = hash.clone();
            otherHash[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
            for (SignatureEngine e : ENGINES) {
                assertEquals(expected, e.signEcdsa(hash, key), e + " signs as RFC 6979 says");
                for (boolean compressed : new boolean[] {true, false}) {
                    EcPublicKey pub = e.decodePublicKey(key.publicKeyBytes(compressed)).orElseThrow();
                    assertEquals(key.publicKey(), pub);
                    assertTrue(e.verifyEcdsa(hash, expected, pub), e + " low S");
                    assertTrue(e.verifyEcdsa(hash, high, pub), e + " high S is valid in consensus");
                    assertFalse(e.verifyEcdsa(otherHash, expected, pub), e + " other hash");
                    assertFalse(e.verifyEcdsa(hash, new EcdsaSignature(expected.r(), expected.s().add(BigInteger.ONE)), pub));
                }
            }
        }
    }

    @Test
    void randomSignaturesAndKeysGetTheSameVerdicts() {
        Random random = new Random(1515);
        EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(424242));
        for (int i = 0; i < 3000; i++) {
            byte[] encoded = new byte[random.nextBoolean() ? 33 : 65];
            random.nextBytes(encoded);
            encoded[0] = (byte) (encoded.length == 33 ? 2 + random.nextInt(2) : 4);
            if (i % 3 == 0) {
                encoded = key.publicKeyBytes(encoded.length == 33);
            }
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            EcdsaSignature sig = new EcdsaSignature(new BigInteger(256, random).mod(Secp256k1.N).max(BigInteger.ONE),
                    new BigInteger(random.nextBoolean() ? 256 : 8, random).mod(Secp256k1.N).max(BigInteger.ONE));
            Optional<EcPublicKey> javaKey = JAVA.decodePublicKey(encoded);
            for (SignatureEngine e : ENGINES) {
                Optional<EcPublicKey> k = e.decodePublicKey(encoded);
                assertEquals(javaKey, k, e + " decodes " + org.nakamoto.chain.codec.Hex.encode(encoded));
                if (k.isPresent()) {
                    assertFalse(e.verifyEcdsa(hash, sig, k.get()));
                }
            }
        }
    }

    @Test
    void schnorrAgreesOnRandomMessagesKeysAndTampering() {
        Random random = new Random(340);
        for (int i = 0; i < 100; i++) {
            EcPrivateKey key = EcPrivateKey.of(new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
            byte[] msg = new byte[i % 5 == 0 ? i : 32]; // other lengths too: BIP340 allows them
            random.nextBytes(msg);
            byte[] aux = new byte[32];
            random.nextBytes(aux);
            byte[] expected = JAVA.signSchnorr(msg, key, aux);
            byte[] tampered = expected.clone();
            tampered[random.nextInt(64)] ^= 1;
            byte[] randomKey = new byte[32];
            random.nextBytes(randomKey);
            for (SignatureEngine e : ENGINES) {
                assertEquals(org.nakamoto.chain.codec.Hex.encode(expected),
                        org.nakamoto.chain.codec.Hex.encode(e.signSchnorr(msg, key, aux)), e.name());
                assertTrue(e.verifySchnorr(expected, msg, key.xOnlyPublicKey()));
                assertFalse(e.verifySchnorr(tampered, msg, key.xOnlyPublicKey()));
                assertEquals(JAVA.verifySchnorr(expected, msg, randomKey), e.verifySchnorr(expected, msg, randomKey));
                assertFalse(e.verifySchnorr(new byte[63], msg, key.xOnlyPublicKey()), "short signature");
                assertFalse(e.verifySchnorr(expected, msg, new byte[31]), "short key");
            }
        }
    }
}
