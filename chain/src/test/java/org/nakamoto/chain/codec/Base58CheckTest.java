package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Base58CheckTest {
    private static final String GENESIS_PAYLOAD = "0062e907b15cbf27d5425399ebf6f0fb50ebb88f18";
    private static final String GENESIS_ADDRESS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

    @Test
    void encodesAndDecodesTheGenesisAddress() {
        assertEquals(GENESIS_ADDRESS, Base58Check.encode(Hex.decode(GENESIS_PAYLOAD)));
        assertArrayEquals(Hex.decode(GENESIS_PAYLOAD), Base58Check.decode(GENESIS_ADDRESS));
    }

    @Test
    void emptyPayloadIsJustTheChecksum() {
        assertArrayEquals(new byte[0], Base58Check.decode(Base58Check.encode(new byte[0])));
    }

    @Test
    void rejectsABadChecksum() {
        // One character changed: still valid Base58, but the checksum no longer matches.
        String typo = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb";
        ParseException e = assertThrows(ParseException.class, () -> Base58Check.decode(typo));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void rejectsATruncatedString() {
        String truncated = GENESIS_ADDRESS.substring(0, GENESIS_ADDRESS.length() - 1);
        assertThrows(ParseException.class, () -> Base58Check.decode(truncated));
    }

    @Test
    void rejectsFewerBytesThanTheChecksum() {
        ParseException e = assertThrows(ParseException.class, () -> Base58Check.decode("2g"));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void rejectsInvalidCharacters() {
        assertThrows(ParseException.class, () -> Base58Check.decode("0A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    }
}
