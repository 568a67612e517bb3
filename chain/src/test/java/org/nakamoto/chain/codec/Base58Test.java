package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base58Test {

    // Bitcoin Core's base58_encode_decode.json vectors.
    @ParameterizedTest
    @CsvSource(value = {
        "'', ''",
        "61, 2g",
        "626262, a3gV",
        "636363, aPEr",
        "73696d706c792061206c6f6e6720737472696e67, 2cFupjhnEsSn59qHXstmK2ffpLv2",
        "00eb15231dfceb60925886b67d065299925915aeb172c06647, 1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
        "516b6fcd0f, ABnLTmg",
        "bf4f89001e670274dd, 3SEo3LWLoPntC",
        "572e4794, 3EFU7m",
        "ecac89cad93923c02321, EJDM8drfXA6uyA",
        "10c8511e, Rt5zm",
        "00000000000000000000, 1111111111",
    })
    void knownVectors(String hex, String base58) {
        assertEquals(base58, Base58.encode(Hex.decode(hex)));
        assertArrayEquals(Hex.decode(hex), Base58.decode(base58));
    }

    @Test
    void roundTripsRandomBytesWithLeadingZeros() {
        Random random = new Random(58);
        for (int n = 0; n < 500; n++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            for (int z = 0; z < Math.min(b.length, n % 4); z++) {
                b[z] = 0;
            }
            assertArrayEquals(b, Base58.decode(Base58.encode(b)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "O", "I", "l", "abc+", "3EFU 7m", "3EFU7m\n", "é"})
    void rejectsCharactersOutsideTheAlphabet(String text) {
        ParseException e = assertThrows(ParseException.class, () -> Base58.decode(text));
        assertTrue(e.getMessage().contains("invalid Base58 character"), e.getMessage());
    }
}
