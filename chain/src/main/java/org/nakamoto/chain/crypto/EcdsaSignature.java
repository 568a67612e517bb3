package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An ECDSA signature (r, s). Parsing is Bitcoin's lenient DER ({@link LaxDerParser}); encoding is strict
 * DER. Immutable; safe to share.
 */
public final class EcdsaSignature {
    private final BigInteger r;
    private final BigInteger s;

    public EcdsaSignature(BigInteger r, BigInteger s) {
        if (r.signum() < 0 || s.signum() < 0) {
            throw new IllegalArgumentException("r and s must not be negative");
        }
        this.r = r;
        this.s = s;
    }

    /**
     * Parses a signature as Bitcoin consensus does (Core's {@code ecdsa_signature_parse_der_lax}). Empty
     * when the bytes are too broken to parse; a parsable signature whose r or s does not fit below n comes
     * back as (0, 0), which never verifies, exactly as in Core.
     */
    public static Optional<EcdsaSignature> parseLaxDer(byte[] der) {
        return LaxDerParser.parse(der);
    }

    public BigInteger r() {
        return r;
    }

    public BigInteger s() {
        return s;
    }

    /** True when r and s are both in [1, n-1]: anything else never verifies. */
    public boolean inRange() {
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(Secp256k1.N) < 0 && s.compareTo(Secp256k1.N) < 0;
    }

    /** True when s <= n/2, the form Bitcoin's standardness rules (BIP 62/146) require. */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    /** The same signature with s replaced by n - s when s is high; both verify for the same key and hash. */
    public EcdsaSignature withLowS() {
        return isLowS() ? this : new EcdsaSignature(r, Secp256k1.N.subtract(s));
    }

    /** Strict DER: SEQUENCE of two minimal, non-negative INTEGERs (what BIP 66 requires). */
    public byte[] encodeDer() {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        // r, s < n < 2^256, so every length fits one byte and the short form. Plain array writes keep
        // crypto free of the codec package, which sits above it (Base58Check hashes with crypto).
        byte[] der = new byte[6 + rb.length + sb.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + rb.length + sb.length);
        der[2] = 0x02;
        der[3] = (byte) rb.length;
        System.arraycopy(rb, 0, der, 4, rb.length);
        int sStart = 4 + rb.length;
        der[sStart] = 0x02;
        der[sStart + 1] = (byte) sb.length;
        System.arraycopy(sb, 0, der, sStart + 2, sb.length);
        return der;
    }

    /** r and s as 32 bytes each, big-endian: libsecp256k1's compact form. Both must be below 2^256. */
    byte[] toCompact() {
        byte[] out = new byte[64];
        Secp256k1.writeUnsigned32(r, out, 0);
        Secp256k1.writeUnsigned32(s, out, 32);
        return out;
    }

    static EcdsaSignature fromCompact(byte[] compact64) {
        return new EcdsaSignature(new BigInteger(1, java.util.Arrays.copyOfRange(compact64, 0, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(compact64, 32, 64)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcdsaSignature e && r.equals(e.r) && s.equals(e.s);
    }

    @Override
    public int hashCode() {
        return 31 * r.hashCode() + s.hashCode();
    }

    @Override
    public String toString() {
        return "EcdsaSignature[r=" + r.toString(16) + ", s=" + s.toString(16) + "]";
    }
}
