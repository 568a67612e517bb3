package org.nakamoto.chain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nakamoto.chain.codec.Hex;

/**
 * BIP340's published test vectors (bitcoin/bips, bip-0340/test-vectors.csv, copied verbatim to
 * src/test/resources/bitcoin/bips) on every engine available here: each signature verifies or not as the
 * vector says, and signing with the vector's key and aux_rand gives the vector's signature byte for byte.
 */
class Bip340VectorsTest {
    private record Vector(int index, String secretKey, String publicKey, String auxRand, String message,
                          String signature, boolean valid, String comment) {
        @Override
        public String toString() {
            return "#" + index + (comment.isEmpty() ? "" : " (" + comment + ")");
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = Bip340VectorsTest.class.getResourceAsStream("/bitcoin/bips/bip-0340-test-vectors.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split(",", -1);
                out.add(new Vector(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5], f[6].equals("TRUE"),
                        f.length > 7 ? f[7] : ""));
            }
        }
        assertEquals(19, out.size(), "vectors 0..18 of the 2022-12 version");
        return out;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (SignatureEngine e : Engines.available()) {
            for (Vector v : vectors()) {
                out.add(Arguments.of(e, v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void verifiesAsTheVectorSays(SignatureEngine engine, Vector v) {
        assertEquals(v.valid(), engine.verifySchnorr(Hex.decode(v.signature()), Hex.decode(v.message()), Hex.decode(v.publicKey())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void signsTheVectorsSignature(SignatureEngine engine, Vector v) {
        if (v.secretKey().isEmpty()) {
            return; // verification-only vector
        }
        EcPrivateKey key = EcPrivateKey.fromBytes(Hex.decode(v.secretKey()));
        assertArrayEquals(Hex.decode(v.publicKey()), key.xOnlyPublicKey());
        byte[] sig = engine.signSchnorr(Hex.decode(v.message()), key, Hex.decode(v.auxRand()));
        assertEquals(v.signature(), Hex.encode(sig).toUpperCase(java.util.Locale.ROOT));
        assertTrue(engine.verifySchnorr(sig, Hex.decode(v.message()), key.xOnlyPublicKey()));
    }

    /** The same checks through the public entry points, on whichever engine this process selected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void publicEntryPointsAgree(Vector v) {
        assertEquals(v.valid(), Secp256k1.verifySchnorr(Hex.decode(v.signature()), Hex.decode(v.message()), Hex.decode(v.publicKey())));
        if (!v.secretKey().isEmpty()) {
            byte[] sig = EcPrivateKey.of(new BigInteger(v.secretKey(), 16)).signSchnorr(Hex.decode(v.message()), Hex.decode(v.auxRand()));
            assertEquals(v.signature(), Hex.encode(sig).toUpperCase(java.util.Locale.ROOT));
        }
    }
}
