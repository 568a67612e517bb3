package org.nakamoto.chain.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The error locator on strings damaged here on purpose: one or two substituted data characters of a
 * valid bech32 or bech32m string are found at exactly the positions changed (the code's distance lets two
 * errors be located in strings of up to 90 characters), under the variant the string was written in.
 */
class Bech32ErrorsTest {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    @Test
    void oneAndTwoSubstitutionsAreLocated() {
        Random random = new Random(350);
        for (int trial = 0; trial < 400; trial++) {
            Bech32.Encoding e = trial % 2 == 0 ? Bech32.Encoding.BECH32M : Bech32.Encoding.BECH32;
            byte[] values = new byte[1 + random.nextInt(60)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (byte) random.nextInt(32);
            }
            String hrp = random.nextBoolean() ? "bc" : "bcrt";
            String good = Bech32.encode(hrp, values, e);
            int first = hrp.length() + 1;
            int a = first + random.nextInt(good.length() - first);
            int b = first + random.nextInt(good.length() - first);
            String bad = substitute(good, a, random);
            List<Integer> expected = List.of(a);
            if (trial % 4 >= 2 && b != a) {
                bad = substitute(bad, b, random);
                expected = List.of(Math.min(a, b), Math.max(a, b));
            }
            Bech32Errors.Report r = Bech32Errors.locate(bad);
            assertEquals(expected, r.positions(), good + " -> " + bad);
            assertEquals(e == Bech32.Encoding.BECH32M ? "Invalid Bech32m checksum" : "Invalid Bech32 checksum", r.message(), bad);
        }
    }

    @Test
    void structuralFaultsComeFirst() {
        assertEquals(new Bech32Errors.Report("Bech32 string too long", List.of(90, 91)), Bech32Errors.locate("a1" + "q".repeat(90)));
        assertEquals(new Bech32Errors.Report("Invalid character or mixed case", List.of(2, 3, 5, 6, 7)), Bech32Errors.locate("BCrt1qqq"));
        assertEquals(new Bech32Errors.Report("Missing separator", List.of()), Bech32Errors.locate("bcqqqqqqqq"));
        assertEquals(new Bech32Errors.Report("Invalid separator position", List.of(2)), Bech32Errors.locate("bc1qqqqq"));
        assertEquals(new Bech32Errors.Report("Invalid Base 32 character", List.of(4)), Bech32Errors.locate("bc1qbqqqqqq"));
        String valid = Bech32.encode("bc", new byte[] {1, 2, 3}, Bech32.Encoding.BECH32M);
        assertEquals(new Bech32Errors.Report("", List.of()), Bech32Errors.locate(valid));
    }

    private static String substitute(String s, int at, Random random) {
        char old = s.charAt(at);
        char c;
        do {
            c = CHARSET.charAt(random.nextInt(32));
        } while (c == old);
        return s.substring(0, at) + c + s.substring(at + 1);
    }
}
