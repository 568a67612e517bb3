package org.nakamoto.wallet.keys;

import java.nio.ByteBuffer;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.ParseException;

/**
 * The 78-byte BIP32 serialization shared by private and public extended keys: version, depth, parent
 * fingerprint, child number (all big-endian), chain code, and 33 bytes of key data. Checks here only what
 * does not depend on the key's kind; the key classes check the key data. A short-lived carrier between
 * bytes and the key classes: it holds arrays, so it is never compared or kept.
 */
record ExtendedKeyFields(int version, int depth, int parentFingerprint, int childNumber, byte[] chainCode,
                         byte[] keyData) {
    static final int LENGTH = 78;
    static final int CHAIN_CODE_LENGTH = 32;
    static final int KEY_DATA_LENGTH = 33;
    static final int MAX_DEPTH = 255;

    String toBase58() {
        // Big-endian throughout, unlike Bitcoin's wire format, hence a ByteBuffer rather than ByteWriter.
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(version).put((byte) depth).putInt(parentFingerprint).putInt(childNumber).put(chainCode).put(keyData);
        return Base58Check.encode(b.array());
    }

    /** @throws ParseException on bad Base58Check, a length other than 78, or an inconsistent master key header */
    static ExtendedKeyFields fromBase58(String text) {
        byte[] raw = Base58Check.decode(text);
        if (raw.length != LENGTH) {
            throw new ParseException("extended key must be " + LENGTH + " bytes, got " + raw.length);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int version = b.getInt();
        int depth = b.get() & 0xff;
        int parentFingerprint = b.getInt();
        int childNumber = b.getInt();
        byte[] chainCode = new byte[CHAIN_CODE_LENGTH];
        b.get(chainCode);
        byte[] keyData = new byte[KEY_DATA_LENGTH];
        b.get(keyData);
        // A master key has no parent, so anything but zeros there means the key was forged or corrupted.
        if (depth == 0 && parentFingerprint != 0) {
            throw new ParseException("extended key at depth 0 has a non-zero parent fingerprint");
        }
        if (depth == 0 && childNumber != 0) {
            throw new ParseException("extended key at depth 0 has a non-zero child number");
        }
        return new ExtendedKeyFields(version, depth, parentFingerprint, childNumber, chainCode, keyData);
    }

    /** A clear error for a version that is not the one expected, naming what it is if it is known. */
    static ParseException wrongVersion(int version, int expected, Bip32Versions versions) {
        String kind = version == versions.privateVersion() ? "an extended private key"
                : version == versions.publicVersion() ? "an extended public key"
                : String.format("unknown version 0x%08x (another network?)", version);
        return new ParseException(String.format("expected extended key version 0x%08x, got %s", expected, kind));
    }
}
