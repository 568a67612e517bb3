package org.nakamoto.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nakamoto.chain.codec.ParseException;

class DerivationPathTest {

    @Test
    void parsesABip44Path() {
        DerivationPath p = DerivationPath.parse("m/44'/1'/0'/0/5");
        assertEquals(5, p.size());
        assertEquals(0x8000002c, p.get(0));
        assertEquals(0x80000001, p.get(1));
        assertEquals(0x80000000, p.get(2));
        assertEquals(0, p.get(3));
        assertEquals(5, p.get(4));
        assertEquals("m/44'/1'/0'/0/5", p.toString());
        assertTrue(p.hasHardened());
    }

    @Test
    void acceptsHAsHardenedMarker() {
        assertEquals(DerivationPath.parse("m/44'/1'/0'/0/5"), DerivationPath.parse("m/44h/1H/0h/0/5"));
    }

    @Test
    void masterIsJustM() {
        assertEquals(DerivationPath.MASTER, DerivationPath.parse("m"));
        assertEquals("m", DerivationPath.MASTER.toString());
        assertEquals(0, DerivationPath.MASTER.size());
    }

    @Test
    void extremesOfTheIndexRange() {
        DerivationPath p = DerivationPath.parse("m/2147483647/2147483647'");
        assertEquals(0x7fffffff, p.get(0));
        assertEquals(0xffffffff, p.get(1));
        assertEquals("m/2147483647/2147483647'", p.toString());
    }

    @Test
    void childAndHardenHelpers() {
        DerivationPath p = DerivationPath.MASTER.child(DerivationPath.harden(44)).child(0);
        assertEquals("m/44'/0", p.toString());
        assertTrue(DerivationPath.isHardened(p.get(0)));
        assertFalse(DerivationPath.isHardened(p.get(1)));
        assertFalse(DerivationPath.parse("m/0/1").hasHardened());
        assertThrows(IllegalArgumentException.class, () -> DerivationPath.harden(0x80000000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m/", "/0", "44'/0", "M/0", "m/-1", "m/+1", "m/2147483648", "m/4294967295'",
        "m/1''", "m/ 1", "m//1", "m/1/", "m/x", "m/1'h", "m/99999999999"})
    void rejectsMalformedPaths(String text) {
        assertThrows(ParseException.class, () -> DerivationPath.parse(text));
    }
}
