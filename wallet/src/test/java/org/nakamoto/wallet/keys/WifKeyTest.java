package org.nakamoto.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

class WifKeyTest {
    private static final int MAINNET = 0x80;
    private static final int TESTNET = 0xef;
    private static final String KEY = "0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d";
    private static final String UNCOMPRESSED = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ";
    private static final String COMPRESSED = "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617";

    @Test
    void encodesTheKnownVectors() {
        assertEquals(UNCOMPRESSED, WifKey.of(Hex.decode(KEY), false).encode(MAINNET));
        assertEquals(COMPRESSED, WifKey.of(Hex.decode(KEY), true).encode(MAINNET));
    }

    @Test
    void decodesTheKnownVectors() {
        WifKey u = WifKey.decode(UNCOMPRESSED, MAINNET);
        assertEquals(KEY, Hex.encode(u.privateKey()));
        assertFalse(u.compressed());
        WifKey c = WifKey.decode(COMPRESSED, MAINNET);
        assertEquals(KEY, Hex.encode(c.privateKey()));
        assertTrue(c.compressed());
    }

    @Test
    void publicKeyFollowsTheFlag() {
        byte[] full = WifKey.decode(UNCOMPRESSED, MAINNET).publicKey();
        byte[] compact = WifKey.decode(COMPRESSED, MAINNET).publicKey();
        assertEquals(65, full.length);
        assertEquals(0x04, full[0]);
        assertEquals(33, compact.length);
        assertArrayEquals(Arrays.copyOfRange(full, 1, 33), Arrays.copyOfRange(compact, 1, 33));
        assertEquals(0x02 + (full[64] & 1), compact[0]);
    }

    @Test
    void rejectsAnotherNetwork() {
        String testnet = WifKey.of(Hex.decode(KEY), true).encode(TESTNET);
        assertTrue(testnet.startsWith("c"), testnet);
        ParseException e = assertThrows(ParseException.class, () -> WifKey.decode(testnet, MAINNET));
        assertTrue(e.getMessage().contains("0xef") && e.getMessage().contains("0x80"), e.getMessage());
        assertEquals(WifKey.decode(COMPRESSED, MAINNET), WifKey.decode(testnet, TESTNET));
    }

    @Test
    void rejectsABadChecksum() {
        String typo = COMPRESSED.substring(0, COMPRESSED.length() - 1) + "8";
        ParseException e = assertThrows(ParseException.class, () -> WifKey.decode(typo, MAINNET));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void rejectsInvalidCharacters() {
        assertThrows(ParseException.class, () -> WifKey.decode("0" + COMPRESSED.substring(1), MAINNET));
    }

    @Test
    void rejectsWrongLengthsAndFlags() {
        byte[] key = Hex.decode(KEY);
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(payload(key, 0x80, 0x02)), MAINNET));
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(Arrays.copyOf(payload(key, 0x80), 32)), MAINNET));
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(payload(key, 0x80, 0x01, 0x00)), MAINNET));
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(new byte[0]), MAINNET));
    }

    @Test
    void rejectsKeysOutsideTheGroup() {
        byte[] zero = new byte[32];
        byte[] n = Secp256k1Points.toBytes32(Secp256k1Points.N);
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(payload(zero, 0x80)), MAINNET));
        assertThrows(ParseException.class, () -> WifKey.decode(Base58Check.encode(payload(n, 0x80, 0x01)), MAINNET));
        assertThrows(IllegalArgumentException.class, () -> WifKey.of(zero, true));
        assertThrows(IllegalArgumentException.class, () -> WifKey.of(new byte[31], true));
    }

    @Test
    void toStringDoesNotRevealTheKey() {
        assertEquals("WifKey[compressed]", WifKey.decode(COMPRESSED, MAINNET).toString());
    }

    private static byte[] payload(byte[] key, int version, int... suffix) {
        byte[] out = new byte[1 + key.length + suffix.length];
        out[0] = (byte) version;
        System.arraycopy(key, 0, out, 1, key.length);
        for (int i = 0; i < suffix.length; i++) {
            out[1 + key.length + i] = (byte) suffix[i];
        }
        return out;
    }
}
