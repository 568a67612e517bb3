package org.nakamoto.chain.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/** Lenient DER as early Bitcoin (OpenSSL) accepted it: encodings strict DER rejects must still verify. */
class LaxDerParserTest {
    private static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(0xC0FFEE));
    private static final byte[] HASH = Hashes.sha256(new byte[] {1, 2, 3});
    private static final EcdsaSignature SIG = KEY.sign(HASH);

    private static byte[] unsigned32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    /** SEQUENCE header given raw, then two INTEGERs with the given length encodings and contents. */
    private static byte[] der(String seqHeader, String rLen, byte[] r, String sLen, byte[] s, String trailer) {
        ByteWriter w = new ByteWriter();
        w.writeBytes(Hex.decode(seqHeader));
        w.writeUint8(0x02).writeBytes(Hex.decode(rLen)).writeBytes(r);
        w.writeUint8(0x02).writeBytes(Hex.decode(sLen)).writeBytes(s);
        w.writeBytes(Hex.decode(trailer));
        return w.toByteArray();
    }

    private static boolean verifies(byte[] der) {
        return Secp256k1.verify(HASH, der, KEY.publicKeyBytes(true));
    }

    private static byte[] padded(byte[] v, int zeros) {
        byte[] out = new byte[v.length + zeros];
        System.arraycopy(v, 0, out, zeros, v.length);
        return out;
    }

    private static String len(int n) {
        return String.format("%02x", n);
    }

    @Test
    void strictDerParsesExactly() {
        assertEquals(SIG, EcdsaSignature.parseLaxDer(SIG.encodeDer()).orElseThrow());
        assertTrue(verifies(SIG.encodeDer()));
    }

    @Test
    void acceptsWhatOpenSslAccepted() {
        byte[] r = unsigned32(SIG.r());
        byte[] s = unsigned32(SIG.s());
        // Excess zero padding of R and S (non-minimal integers).
        assertTrue(verifies(der("3000", len(35), padded(r, 3), len(34), padded(s, 2), "")));
        // Negative-looking integers: a high first byte without the 00 pad is still read as unsigned.
        assertTrue(verifies(der("3044", "20", r, "20", s, "")));
        // Long-form lengths, including zero-padded length bytes.
        assertTrue(verifies(der("3044", "8120", r, "84000000" + "20", s, "")));
        // A wrong SEQUENCE length is ignored, as is a long-form one, and so are bytes after S.
        assertTrue(verifies(der("307f", "20", r, "20", s, "")));
        // But a long-form SEQUENCE length whose length bytes run past the end is refused (0xff: 127 bytes).
        assertTrue(EcdsaSignature.parseLaxDer(der("30ff", "20", r, "20", s, "")).isEmpty());
        assertTrue(verifies(der("3082ffff", "20", r, "20", s, "deadbeef")));
        // R and S may even be shorter than 32 bytes once leading zeros are gone.
        EcdsaSignature small = new EcdsaSignature(BigInteger.valueOf(5), BigInteger.valueOf(7));
        assertEquals(small, EcdsaSignature.parseLaxDer(der("3000", "03", Hex.decode("000005"), "01",
                Hex.decode("07"), "")).orElseThrow());
    }

    @Test
    void outOfRangeValuesParseButNeverVerify() {
        byte[] r = unsigned32(SIG.r());
        byte[] s = unsigned32(SIG.s());
        byte[] tooLong = Arrays.copyOf(new byte[] {1}, 33);
        System.arraycopy(r, 0, tooLong, 1, 32);
        Optional<EcdsaSignature> overflow = EcdsaSignature.parseLaxDer(der("3000", len(33), tooLong, "20", s, ""));
        assertEquals(new EcdsaSignature(BigInteger.ZERO, BigInteger.ZERO), overflow.orElseThrow());
        Optional<EcdsaSignature> rIsN = EcdsaSignature.parseLaxDer(
                der("3000", "20", unsigned32(Secp256k1.N), "20", s, ""));
        assertEquals(BigInteger.ZERO, rIsN.orElseThrow().r());
        assertFalse(verifies(der("3000", "20", unsigned32(Secp256k1.N), "20", s, "")));
        // Zero padding beyond 32 bytes is fine: only significant bytes count.
        assertTrue(verifies(der("3000", len(40), padded(r, 8), "20", s, "")));
    }

    @Test
    void rejectsWhatCannotBeParsed() {
        byte[] r = unsigned32(SIG.r());
        byte[] s = unsigned32(SIG.s());
        assertTrue(EcdsaSignature.parseLaxDer(new byte[0]).isEmpty());
        assertTrue(EcdsaSignature.parseLaxDer(Hex.decode("31")).isEmpty(), "not a SEQUENCE");
        assertTrue(EcdsaSignature.parseLaxDer(Hex.decode("30")).isEmpty(), "no length");
        assertTrue(EcdsaSignature.parseLaxDer(Hex.decode("3085000000")).isEmpty(), "length bytes run out");
        byte[] good = der("3044", "20", r, "20", s, "");
        assertTrue(EcdsaSignature.parseLaxDer(Arrays.copyOf(good, good.length - 1)).isEmpty(), "S truncated");
        assertTrue(EcdsaSignature.parseLaxDer(Arrays.copyOf(good, 2 + 2 + 32)).isEmpty(), "S missing");
        byte[] wrongTag = good.clone();
        wrongTag[2] = 0x03;
        assertTrue(EcdsaSignature.parseLaxDer(wrongTag).isEmpty(), "R not an INTEGER");
        // Four significant length bytes are refused even when the data would be there.
        assertTrue(EcdsaSignature.parseLaxDer(der("3000", "8401000000", r, "20", s, "")).isEmpty());
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = 0x30;
            }
            if (b.length > 2 && random.nextBoolean()) {
                b[2] = 0x02;
            }
            EcdsaSignature.parseLaxDer(b);
            Secp256k1.verify(HASH, b, KEY.publicKeyBytes(false));
        }
    }
}
