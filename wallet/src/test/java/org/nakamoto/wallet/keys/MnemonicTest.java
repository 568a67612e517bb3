package org.nakamoto.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

class MnemonicTest {
    private static final String ABANDON_ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    static Stream<Arguments> trezorVectors() {
        JsonNode root = TestVectors.load("/bip39-vectors.json");
        String passphrase = root.get("passphrase").asText();
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : root.get("english")) {
            out.add(Arguments.of(v.get(0).asText(), v.get(1).asText(), v.get(2).asText(), v.get(3).asText(), passphrase));
        }
        return out.stream();
    }

    @Test
    void allTwentyFourEnglishVectorsAreLoaded() {
        assertEquals(24, trezorVectors().count());
    }

    @ParameterizedTest
    @MethodSource("trezorVectors")
    void referenceVector(String entropyHex, String sentence, String seedHex, String xprv, String passphrase) {
        Mnemonic fromEntropy = Mnemonic.fromEntropy(Hex.decode(entropyHex));
        assertEquals(sentence, fromEntropy.sentence());

        Mnemonic parsed = Mnemonic.parse(sentence);
        assertEquals(entropyHex, Hex.encode(parsed.entropy()));
        assertEquals(fromEntropy, parsed);

        byte[] seed = parsed.toSeed(passphrase);
        assertEquals(seedHex, Hex.encode(seed));
        assertEquals(xprv, ExtendedPrivateKey.fromSeed(seed).toBase58(Bip32Versions.MAINNET));
    }

    @Test
    void wordListIsTheBip39EnglishList() {
        Bip39WordList list = Bip39WordList.english();
        assertEquals(2048, list.words().size());
        assertEquals("abandon", list.word(0));
        assertEquals("zoo", list.word(2047));
        assertEquals(1, list.indexOf("ability"));
        assertEquals(-1, list.indexOf("bitcoin"));
    }

    @Test
    void emptyPassphraseAndNullAgree() {
        Mnemonic m = Mnemonic.parse(ABANDON_ABOUT);
        assertArrayEquals(m.toSeed(""), m.toSeed(null));
        assertFalse(Hex.encode(m.toSeed("")).equals(Hex.encode(m.toSeed("TREZOR"))));
    }

    @Test
    void passphraseIsNfkdNormalised() {
        Mnemonic m = Mnemonic.parse(ABANDON_ABOUT);
        String composed = "caf\u00e9";      // é as one code point
        String decomposed = "cafe\u0301";   // e + combining acute accent
        assertArrayEquals(m.toSeed(composed), m.toSeed(decomposed));
    }

    @Test
    void toleratesExtraWhitespaceButHashesTheCanonicalSentence() {
        Mnemonic messy = Mnemonic.parse("  abandon\tabandon abandon  abandon abandon abandon abandon abandon abandon "
                + "abandon abandon\nabout \n");
        assertEquals(ABANDON_ABOUT, messy.sentence());
        assertArrayEquals(Mnemonic.parse(ABANDON_ABOUT).toSeed("x"), messy.toSeed("x"));
    }

    @Test
    void rejectsAWrongChecksum() {
        // "abandon" x12 is 132 zero bits: the entropy is valid but its checksum is not 0000.
        String sentence = ABANDON_ABOUT.replace("about", "abandon");
        ParseException e = assertThrows(ParseException.class, () -> Mnemonic.parse(sentence));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        // Two valid words swapped also breaks the checksum.
        assertThrows(ParseException.class, () -> Mnemonic.parse(
                "winner legal thank year wave sausage worth useful legal winner thank yellow"));
    }

    @Test
    void rejectsAnUnknownWordNamingIt() {
        String sentence = ABANDON_ABOUT.replaceFirst("abandon", "abandom");
        ParseException e = assertThrows(ParseException.class, () -> Mnemonic.parse(sentence));
        assertTrue(e.getMessage().contains("word 1") && e.getMessage().contains("abandom"), e.getMessage());
        // Case matters: the list is lower-case, and the seed hashes the exact words.
        assertThrows(ParseException.class, () -> Mnemonic.parse(ABANDON_ABOUT.replace("about", "About")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, 13, 14, 23, 25, 27})
    void rejectsAWrongWordCount(int count) {
        String sentence = String.join(" ", Collections.nCopies(count, "abandon"));
        ParseException e = assertThrows(ParseException.class, () -> Mnemonic.parse(sentence));
        assertTrue(e.getMessage().contains("got " + count), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 17, 33, 64})
    void rejectsEntropyOfAWrongSize(int bytes) {
        assertThrows(IllegalArgumentException.class, () -> Mnemonic.fromEntropy(new byte[bytes]));
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 160, 192, 224, 256})
    void generatedMnemonicsRoundTrip(int bits) {
        Mnemonic m = Mnemonic.generate(bits, new SecureRandom());
        assertEquals(bits / 8, m.entropy().length);
        assertEquals((bits + bits / 32) / 11, m.words().size());
        assertEquals(m, Mnemonic.parse(m.sentence()));
    }

    @Test
    void toStringDoesNotRevealTheWords() {
        assertEquals("Mnemonic[12 words]", Mnemonic.parse(ABANDON_ABOUT).toString());
    }

    @Test
    void entropyIsCopied() {
        Mnemonic m = Mnemonic.parse(ABANDON_ABOUT);
        m.entropy()[0] = 1;
        assertArrayEquals(new byte[16], m.entropy());
    }
}
