package org.nakamoto.chain.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a bech32 or bech32m string is wrong, as Core's {@code bech32::LocateErrors} reports it for
 * validateaddress's {@code error} and {@code error_locations}: the first structural fault (length,
 * characters or case, separator, alphabet), or else the positions of up to two substituted characters
 * found by decoding the BCH code, under whichever variant needs fewer of them.
 *
 * <p>The checksum is a BCH code over GF(32) whose generator is the product of the minimal polynomials of
 * e^997, e^998 and e^999, e a primitive element of GF(1024) = GF(32)[x]/(x^2 + 9x + 23). A residue's three
 * syndromes (the received word evaluated at those roots) locate one error from their ratio, or two by
 * trying each first position and solving for the second. Positions are never turned into corrections: a
 * user should re-check the address, not have it repaired.
 */
public final class Bech32Errors {
    /** Core's message and the 0-based positions in the string (empty when it cannot tell). */
    public record Report(String message, List<Integer> positions) {
        public Report {
            positions = List.copyOf(positions);
        }
    }

    private static final int ORDER = 1023;
    /** GF(1024) as powers of e: EXP[k] = e^k, LOG[EXP[k]] = k, LOG[0] = -1. */
    private static final int[] EXP = new int[ORDER];
    private static final int[] LOG = new int[ORDER + 1];
    /** For each of the residue's 25 upper bits, its contribution to the three packed syndromes. */
    private static final int[] SYNDROME = new int[25];

    static {
        // GF(32) over GF(2) modulo x^5 + x^3 + 1.
        int[] exp32 = new int[31];
        int[] log32 = new int[32];
        int v = 1;
        for (int i = 0; i < 31; i++) {
            exp32[i] = v;
            log32[v] = i;
            v <<= 1;
            if ((v & 32) != 0) {
                v ^= 41;
            }
        }
        // GF(1024): an element is a*e + b packed as a << 5 | b; e*(a*e + b) = (9a + b)*e + 23a.
        LOG[0] = -1;
        v = 1;
        for (int i = 0; i < ORDER; i++) {
            EXP[i] = v;
            LOG[v] = i;
            int a = v >> 5;
            int b = v & 31;
            int hi = (a == 0 ? 0 : exp32[(log32[a] + log32[9]) % 31]) ^ b;
            int lo = a == 0 ? 0 : exp32[(log32[a] + log32[23]) % 31];
            v = hi << 5 | lo;
        }
        for (int k = 1; k <= 5; k++) {
            for (int bit = 0; bit < 5; bit++) {
                int l = LOG[1 << bit];
                SYNDROME[5 * (k - 1) + bit] = EXP[(999 * k + l) % ORDER] << 20 | EXP[(998 * k + l) % ORDER] << 10
                        | EXP[(997 * k + l) % ORDER];
            }
        }
    }

    private Bech32Errors() {
    }

    /** Why {@code text} is no valid bech32/bech32m string, and where; an empty message when it is valid. */
    public static Report locate(String text) {
        if (text.length() > Bech32.MAX_LENGTH) {
            List<Integer> over = new ArrayList<>();
            for (int i = Bech32.MAX_LENGTH; i < text.length(); i++) {
                over.add(i);
            }
            return new Report("Bech32 string too long", over);
        }
        List<Integer> bad = badCharacters(text);
        if (!bad.isEmpty()) {
            return new Report("Invalid character or mixed case", bad);
        }
        int sep = text.lastIndexOf('1');
        if (sep < 0) {
            return new Report("Missing separator", List.of());
        }
        if (sep == 0 || sep + 7 > text.length()) {
            return new Report("Invalid separator position", List.of(sep));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String hrp = lower.substring(0, sep);
        byte[] values = new byte[text.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int val = Bech32.value(lower.charAt(sep + 1 + i));
            if (val < 0) {
                return new Report("Invalid Base 32 character", List.of(sep + 1 + i));
            }
            values[i] = (byte) val;
        }
        int raw = Bech32.polymod(hrp, values);
        List<Integer> best = List.of();
        Bech32.Encoding found = null;
        for (Bech32.Encoding e : Bech32.Encoding.values()) {
            int residue = raw ^ e.constant();
            if (residue == 0) {
                return new Report("", List.of());
            }
            List<Integer> here = fromRight(substitutions(residue, values.length), text.length());
            if (best.isEmpty() || !here.isEmpty() && here.size() < best.size()) {
                best = here;
                if (!here.isEmpty()) {
                    found = e;
                }
            }
        }
        String message = found == Bech32.Encoding.BECH32M ? "Invalid Bech32m checksum"
                : found == Bech32.Encoding.BECH32 ? "Invalid Bech32 checksum" : "Invalid checksum";
        return new Report(message, best);
    }

    /** Core's CheckCharacters: out-of-range characters, and every letter whose case differs from the first letter's. */
    private static List<Integer> badCharacters(String s) {
        List<Integer> bad = new ArrayList<>();
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (upper) {
                    bad.add(i);
                } else {
                    lower = true;
                }
            } else if (c >= 'A' && c <= 'Z') {
                if (lower) {
                    bad.add(i);
                } else {
                    upper = true;
                }
            } else if (c < 33 || c > 126) {
                bad.add(i);
            }
        }
        return bad;
    }

    /** Error positions counted from the right end of the data (0 = last character), or empty if not one or two. */
    private static List<Integer> substitutions(int residue, int length) {
        int syn = syndromes(residue);
        int s0 = syn & 0x3ff;
        int s1 = (syn >> 10) & 0x3ff;
        int s2 = syn >>> 20;
        int l0 = LOG[s0];
        int l1 = LOG[s1];
        int l2 = LOG[s2];
        // One error e1*x^p: s1/s0 = s2/s1 = e^p, so s1^2 = s0*s2.
        if (l0 != -1 && l1 != -1 && l2 != -1 && Math.floorMod(2 * l1 - l2 - l0, ORDER) == 0) {
            int p = Math.floorMod(l1 - l0, ORDER);
            // e1 = s0 / e^(997p) must lie in GF(32), the subgroup of powers that are multiples of 33.
            int le1 = l0 + (ORDER - 997) * p;
            return p < length && le1 % 33 == 0 ? List.of(p) : List.of();
        }
        for (int p1 = 0; p1 < length; p1++) {
            int a = s2 ^ (s1 == 0 ? 0 : EXP[(l1 + p1) % ORDER]);
            int b = s1 ^ (s0 == 0 ? 0 : EXP[(l0 + p1) % ORDER]);
            if (a == 0 || b == 0) {
                continue;
            }
            int p2 = Math.floorMod(LOG[a] - LOG[b], ORDER);
            if (p2 >= length || p1 == p2) {
                continue;
            }
            int c = s1 ^ (s0 == 0 ? 0 : EXP[(l0 + p2) % ORDER]);
            if (c == 0) {
                continue;
            }
            int inverseSum = ORDER - LOG[EXP[p1] ^ EXP[p2]];
            int le2 = LOG[b] + inverseSum + (ORDER - 997) * p2;
            int le1 = LOG[c] + inverseSum + (ORDER - 997) * p1;
            if (le2 % 33 != 0 || le1 % 33 != 0) {
                continue;
            }
            return p1 > p2 ? List.of(p1, p2) : List.of(p2, p1);
        }
        return List.of();
    }

    /** Positions from the right to indices from the left of the whole string, leftmost first. */
    private static List<Integer> fromRight(List<Integer> right, int stringLength) {
        List<Integer> out = new ArrayList<>(right.size());
        for (int p : right) {
            out.add(stringLength - p - 1);
        }
        return out;
    }

    /** The syndromes at e^997, e^998, e^999, packed 10 bits each (lowest first). */
    private static int syndromes(int residue) {
        int low = residue & 31;
        int result = low ^ low << 10 ^ low << 20;
        for (int i = 0; i < 25; i++) {
            if (((residue >>> (5 + i)) & 1) != 0) {
                result ^= SYNDROME[i];
            }
        }
        return result;
    }
}
