package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * The DER-ish signature parser Bitcoin consensus still applies to legacy scripts. Early Bitcoin handed
 * signatures to OpenSSL, which accepted many non-DER encodings; the chain contains such signatures, so
 * consensus must accept exactly what OpenSSL did. This follows the behaviour of Core's
 * {@code ecdsa_signature_parse_der_lax}:
 * <ul>
 *   <li>the SEQUENCE length is skipped, never checked, and bytes after s are ignored;</li>
 *   <li>INTEGER lengths may use the long form, padded with zero bytes, up to 3 significant bytes;</li>
 *   <li>integers are read as unsigned, with any number of leading zero bytes;</li>
 *   <li>an integer over 32 significant bytes, or not below n, yields the never-valid signature (0, 0).</li>
 * </ul>
 * Stateless.
 */
final class LaxDerParser {
    private static final EcdsaSignature INVALID = new EcdsaSignature(BigInteger.ZERO, BigInteger.ZERO);

    private final byte[] in;
    private int pos;

    private LaxDerParser(byte[] in) {
        this.in = in;
    }

    static Optional<EcdsaSignature> parse(byte[] der) {
        return der == null ? Optional.empty() : new LaxDerParser(der).parse();
    }

    private Optional<EcdsaSignature> parse() {
        if (pos == in.length || in[pos] != 0x30) {
            return Optional.empty();
        }
        pos++;
        if (pos == in.length) {
            return Optional.empty();
        }
        int seqLen = in[pos++] & 0xff;
        if ((seqLen & 0x80) != 0) {
            // Long-form sequence length: its bytes are skipped unread.
            int lenBytes = seqLen - 0x80;
            if (lenBytes > in.length - pos) {
                return Optional.empty();
            }
            pos += lenBytes;
        }
        int rStart = integer();
        if (rStart < 0) {
            return Optional.empty();
        }
        int rEnd = pos;
        int sStart = integer();
        if (sStart < 0) {
            return Optional.empty();
        }
        int sEnd = pos;
        BigInteger r = unsigned(rStart, rEnd);
        BigInteger s = unsigned(sStart, sEnd);
        if (r == null || s == null || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            return Optional.of(INVALID);
        }
        return Optional.of(new EcdsaSignature(r, s));
    }

    /** Reads an INTEGER header and skips its content; returns where the content starts, or -1. */
    private int integer() {
        if (pos == in.length || in[pos] != 0x02) {
            return -1;
        }
        pos++;
        if (pos == in.length) {
            return -1;
        }
        long len = in[pos++] & 0xff;
        if ((len & 0x80) != 0) {
            int lenBytes = (int) len - 0x80;
            if (lenBytes > in.length - pos) {
                return -1;
            }
            while (lenBytes > 0 && in[pos] == 0) {
                pos++;
                lenBytes--;
            }
            if (lenBytes >= 4) {
                return -1;
            }
            len = 0;
            while (lenBytes > 0) {
                len = (len << 8) + (in[pos++] & 0xff);
                lenBytes--;
            }
        }
        if (len > in.length - pos) {
            return -1;
        }
        int start = pos;
        pos += (int) len;
        return start;
    }

    /** The big-endian unsigned value, or null when it has more than 32 significant bytes. */
    private BigInteger unsigned(int start, int end) {
        while (start < end && in[start] == 0) {
            start++;
        }
        if (end - start > 32) {
            return null;
        }
        return new BigInteger(1, Arrays.copyOfRange(in, start, end));
    }
}
