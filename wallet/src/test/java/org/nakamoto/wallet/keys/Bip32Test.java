package org.nakamoto.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Address;

class Bip32Test {
    private static final Bip32Versions MAIN = Bip32Versions.MAINNET;
    private static final JsonNode VECTORS = TestVectors.load("/bip32-vectors.json");
    private static final String V1_MASTER_XPRV =
            "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";

    /** One row per chain of vectors 1 to 4: seed, path, expected xpub and xprv. */
    static Stream<Arguments> validChains() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode vector : VECTORS.get("valid")) {
            for (JsonNode chain : vector.get("chains")) {
                out.add(Arguments.of(vector.get("name").asText(), vector.get("seed").asText(),
                        chain.get("path").asText(), chain.get("xpub").asText(), chain.get("xprv").asText()));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> invalidKeys() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode k : VECTORS.get("invalid")) {
            out.add(Arguments.of(k.get("reason").asText(), k.get("key").asText()));
        }
        return out.stream();
    }

    @Test
    void allVectorsAreLoaded() {
        assertEquals(17, validChains().count());
        assertEquals(16, invalidKeys().count());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("validChains")
    void privateDerivationMatches(String name, String seed, String path, String xpub, String xprv) {
        DerivationPath p = DerivationPath.parse(path);
        ExtendedPrivateKey key = ExtendedPrivateKey.fromSeed(Hex.decode(seed)).derive(p);
        assertEquals(xprv, key.toBase58(MAIN));
        assertEquals(xpub, key.neuter().toBase58(MAIN));
        assertEquals(p.size(), key.depth());
        assertEquals(p.size() == 0 ? 0 : p.get(p.size() - 1), key.childNumber());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("validChains")
    void serializationRoundTrips(String name, String seed, String path, String xpub, String xprv) {
        ExtendedPrivateKey prv = ExtendedPrivateKey.fromBase58(xprv, MAIN);
        assertEquals(xprv, prv.toBase58(MAIN));
        ExtendedPublicKey pub = ExtendedPublicKey.fromBase58(xpub, MAIN);
        assertEquals(xpub, pub.toBase58(MAIN));
        assertEquals(pub, prv.neuter());
        assertArrayEquals(pub.publicKey(), prv.publicKey());
        assertEquals(pub.fingerprint(), prv.fingerprint());
    }

    /** N(CKDpriv(k, i)) == CKDpub(N(k), i) for every non-hardened step of the vectors. */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("validChains")
    void publicDerivationAgreesWithPrivate(String name, String seed, String path, String xpub, String xprv) {
        DerivationPath p = DerivationPath.parse(path);
        if (p.size() == 0 || DerivationPath.isHardened(p.get(p.size() - 1))) {
            return;
        }
        DerivationPath parentPath = DerivationPath.MASTER;
        for (int i = 0; i < p.size() - 1; i++) {
            parentPath = parentPath.child(p.get(i));
        }
        ExtendedPublicKey parent = ExtendedPrivateKey.fromSeed(Hex.decode(seed)).derive(parentPath).neuter();
        assertEquals(xpub, parent.derive(p.get(p.size() - 1)).toBase58(MAIN));
    }

    @Test
    void fingerprintsLinkParentAndChild() {
        ExtendedPrivateKey master = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN);
        assertEquals(0, master.parentFingerprint());
        // Vector 1's master public key and identifier, as earlier revisions of BIP32 listed them.
        assertEquals("0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2",
                Hex.encode(master.publicKey()));
        assertEquals("3442193e1bb70916e914552172cd4e2dbc9df811", Hex.encode(master.identifier()));
        assertEquals(0x3442193e, master.fingerprint());
        ExtendedPrivateKey child = master.derive(DerivationPath.harden(0));
        assertEquals(master.fingerprint(), child.parentFingerprint());
        assertEquals(master.fingerprint(), child.neuter().parentFingerprint());
        ExtendedPublicKey grandchild = child.neuter().derive(1);
        assertEquals(child.fingerprint(), grandchild.parentFingerprint());
    }

    @Test
    void publicKeyIsAnAddressSource() {
        ExtendedPublicKey pub = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN).neuter();
        Address a = Address.fromPublicKey(0x00, pub.publicKey());
        assertArrayEquals(pub.identifier(), a.hash160());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeys")
    void vector5KeysAreRejected(String reason, String key) {
        if (!reason.equals("invalid checksum")) {
            // Well-formed Base58Check, so a rejection below is for the stated reason, not a copying mistake.
            assertDoesNotThrow(() -> Base58Check.decode(key), reason);
        }
        assertThrows(ParseException.class, () -> ExtendedPrivateKey.fromBase58(key, MAIN), reason);
        assertThrows(ParseException.class, () -> ExtendedPublicKey.fromBase58(key, MAIN), reason);
    }

    @Test
    void versionMismatchSaysWhatTheKeyIs() {
        String xpub = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN).neuter().toBase58(MAIN);
        ParseException e = assertThrows(ParseException.class, () -> ExtendedPrivateKey.fromBase58(xpub, MAIN));
        assertTrue(e.getMessage().contains("extended public key"), e.getMessage());
        e = assertThrows(ParseException.class, () -> ExtendedPublicKey.fromBase58(V1_MASTER_XPRV, MAIN));
        assertTrue(e.getMessage().contains("extended private key"), e.getMessage());
    }

    @Test
    void testnetVersionsAreSeparate() {
        ExtendedPrivateKey master = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN);
        String tprv = master.toBase58(Bip32Versions.TESTNET);
        String tpub = master.neuter().toBase58(Bip32Versions.TESTNET);
        assertTrue(tprv.startsWith("tprv"), tprv);
        assertTrue(tpub.startsWith("tpub"), tpub);
        assertEquals(master, ExtendedPrivateKey.fromBase58(tprv, Bip32Versions.TESTNET));
        ParseException e = assertThrows(ParseException.class, () -> ExtendedPrivateKey.fromBase58(tprv, MAIN));
        assertTrue(e.getMessage().contains("unknown version"), e.getMessage());
        assertThrows(ParseException.class, () -> ExtendedPublicKey.fromBase58(tpub, MAIN));
    }

    @Test
    void publicKeyCannotDeriveHardenedChildren() {
        ExtendedPublicKey pub = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN).neuter();
        assertThrows(IllegalArgumentException.class, () -> pub.derive(DerivationPath.harden(0)));
        assertThrows(IllegalArgumentException.class, () -> pub.derive(DerivationPath.parse("m/0/1'")));
    }

    @Test
    void depthStopsAt255() {
        ExtendedPrivateKey key = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN);
        for (int i = 0; i < 255; i++) {
            key = key.derive(0);
        }
        assertEquals(255, key.depth());
        ExtendedPrivateKey deepest = key;
        assertThrows(IllegalStateException.class, () -> deepest.derive(0));
        assertThrows(IllegalStateException.class, () -> deepest.neuter().derive(0));
        // Still serializable and parsable at the maximum depth.
        assertEquals(deepest, ExtendedPrivateKey.fromBase58(deepest.toBase58(MAIN), MAIN));
    }

    @Test
    void seedLengthIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> ExtendedPrivateKey.fromSeed(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> ExtendedPrivateKey.fromSeed(new byte[65]));
    }

    // BIP32's invalid-child cases cannot be reached from a real HMAC output (odds below 2^-127), so the
    // tweak step is driven directly with the offending values.

    @Test
    void privateTweakAtOrAboveTheOrderIsInvalid() {
        byte[] n = Secp256k1Points.toBytes32(Secp256k1Points.N);
        InvalidChildKeyException e = assertThrows(InvalidChildKeyException.class,
                () -> ExtendedPrivateKey.tweak(BigInteger.ONE, n, 7));
        assertEquals(7, e.childNumber());
        byte[] max = Hex.decode("ff".repeat(32));
        assertThrows(InvalidChildKeyException.class, () -> ExtendedPrivateKey.tweak(BigInteger.ONE, max, 7));
    }

    @Test
    void privateTweakGivingZeroIsInvalid() {
        BigInteger parent = BigInteger.valueOf(12345);
        byte[] il = Secp256k1Points.toBytes32(Secp256k1Points.N.subtract(parent));
        assertThrows(InvalidChildKeyException.class, () -> ExtendedPrivateKey.tweak(parent, il, 0));
        byte[] justBelow = Secp256k1Points.toBytes32(Secp256k1Points.N.subtract(parent).subtract(BigInteger.ONE));
        assertEquals(Secp256k1Points.N.subtract(BigInteger.ONE), ExtendedPrivateKey.tweak(parent, justBelow, 0));
    }

    @Test
    void publicTweakAtOrAboveTheOrderIsInvalid() {
        byte[] parent = Secp256k1Points.publicKeyOf(BigInteger.TWO);
        byte[] n = Secp256k1Points.toBytes32(Secp256k1Points.N);
        assertThrows(InvalidChildKeyException.class, () -> ExtendedPublicKey.tweak(parent, n, 3));
    }

    @Test
    void publicTweakGivingInfinityIsInvalid() {
        BigInteger k = BigInteger.valueOf(987654321);
        byte[] parent = Secp256k1Points.publicKeyOf(k);
        byte[] il = Secp256k1Points.toBytes32(Secp256k1Points.N.subtract(k));
        InvalidChildKeyException e = assertThrows(InvalidChildKeyException.class,
                () -> ExtendedPublicKey.tweak(parent, il, 3));
        assertTrue(e.getMessage().contains("infinity"), e.getMessage());
        // And the valid neighbour agrees with private arithmetic: point(n - k - 1) + point(k) = point(n - 1).
        byte[] ok = Secp256k1Points.toBytes32(Secp256k1Points.N.subtract(k).subtract(BigInteger.ONE));
        assertArrayEquals(Secp256k1Points.publicKeyOf(Secp256k1Points.N.subtract(BigInteger.ONE)),
                ExtendedPublicKey.tweak(parent, ok, 3));
    }

    @Test
    void toStringDoesNotRevealThePrivateKey() {
        ExtendedPrivateKey master = ExtendedPrivateKey.fromBase58(V1_MASTER_XPRV, MAIN);
        String s = master.toString();
        assertTrue(s.contains("3442193e"), s);
        assertTrue(!s.contains(Hex.encode(master.privateKey())), s);
    }

    /** End to end: BIP39 "abandon ... about" without passphrase, BIP44 m/44'/0'/0'/0/0 on mainnet. */
    @Test
    void bip44FirstAddressOfTheAbandonMnemonic() {
        Mnemonic m = Mnemonic.parse(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        ExtendedPrivateKey key = ExtendedPrivateKey.fromSeed(m.toSeed("")).derive(DerivationPath.parse("m/44'/0'/0'/0/0"));
        assertEquals("1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", Address.fromPublicKey(0x00, key.publicKey()).toString());
    }
}
