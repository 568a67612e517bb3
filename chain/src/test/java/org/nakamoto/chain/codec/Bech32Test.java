package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** BIP173's lists of valid and invalid bech32 strings (resource bitcoin/bips/bip-0173-vectors.json). */
class Bech32Test {
    static JsonNode vectors() throws IOException {
        try (InputStream in = Bech32Test.class.getResourceAsStream("/bitcoin/bips/bip-0173-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void bip173ValidStringsDecodeAndReencode() throws IOException {
        int n = 0;
        for (JsonNode v : vectors().get("valid_bech32")) {
            String s = v.asText();
            Bech32.Decoded d = Bech32.decode(s);
            assertEquals(Bech32.Encoding.BECH32, d.encoding(), s);
            assertEquals(s.toLowerCase(Locale.ROOT), Bech32.encode(d.hrp(), d.data(), Bech32.Encoding.BECH32));
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void bip173InvalidStringsAreRefused() throws IOException {
        int n = 0;
        for (JsonNode v : vectors().get("invalid_bech32")) {
            String s = v.get(0).asText();
            assertThrows(ParseException.class, () -> Bech32.decode(s), v.get(1).asText() + ": " + s);
            n++;
        }
        assertEquals(12, n);
    }

    @Test
    void aChecksumOfOneVariantIsNotTheOther() {
        String m = Bech32.encode("bc", new byte[] {1, 2, 3}, Bech32.Encoding.BECH32M);
        assertEquals(Bech32.Encoding.BECH32M, Bech32.decode(m).encoding());
        assertArrayEquals(new byte[] {1, 2, 3}, Bech32.decode(m).data());
    }

    @Test
    void convertBitsRoundTripsAndRefusesBadPadding() {
        byte[] bytes = Hex.decode("751e76e8199196d454941c45d1b3a323f1433bd6");
        byte[] five = Bech32.convertBits(bytes, 8, 5, true);
        assertEquals(32, five.length);
        assertArrayEquals(bytes, Bech32.convertBits(five, 5, 8, false));
        assertThrows(ParseException.class, () -> Bech32.convertBits(new byte[] {1}, 5, 8, false));
    }
}
