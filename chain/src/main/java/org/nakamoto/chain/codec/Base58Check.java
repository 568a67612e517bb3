package org.nakamoto.chain.codec;

import java.security.MessageDigest;
import java.util.Arrays;
import org.nakamoto.chain.crypto.Hashes;

/**
 * Base58 with a 4-byte checksum (the first bytes of the payload's double SHA-256) appended before encoding,
 * so that a mistyped address or key is refused instead of paying or importing the wrong thing.
 */
public final class Base58Check {
    public static final int CHECKSUM_LENGTH = 4;

    private Base58Check() {
    }

    public static String encode(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
        System.arraycopy(Hashes.sha256d(payload), 0, withChecksum, payload.length, CHECKSUM_LENGTH);
        return Base58.encode(withChecksum);
    }

    /**
     * The payload without its checksum.
     *
     * @throws ParseException on a bad character, fewer than 4 bytes, or a checksum that does not match
     */
    public static byte[] decode(String text) {
        byte[] raw = Base58.decode(text);
        if (raw.length < CHECKSUM_LENGTH) {
            throw new ParseException("Base58Check string too short: " + raw.length + " bytes, the checksum alone needs "
                    + CHECKSUM_LENGTH);
        }
        int payloadLength = raw.length - CHECKSUM_LENGTH;
        byte[] expected = Arrays.copyOf(Hashes.sha256d(raw, 0, payloadLength), CHECKSUM_LENGTH);
        byte[] actual = Arrays.copyOfRange(raw, payloadLength, raw.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ParseException("bad Base58Check checksum (mistyped or truncated?)");
        }
        return Arrays.copyOf(raw, payloadLength);
    }
}
