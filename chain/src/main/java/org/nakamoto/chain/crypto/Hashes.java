package org.nakamoto.chain.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * Bitcoin's hash functions. SHA-256 goes through the JDK provider, which HotSpot compiles to the CPU's
 * SHA instructions; a digest per thread avoids provider look-ups on hot paths.
 */
public final class Hashes {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);

    private Hashes() {
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        MessageDigest md = SHA256.get();
        md.update(data, off, len);
        return md.digest();
    }

    /** SHA-256 of SHA-256: Bitcoin's block and transaction hash. */
    public static byte[] sha256d(byte[] data) {
        return sha256d(data, 0, data.length);
    }

    public static byte[] sha256d(byte[] data, int off, int len) {
        MessageDigest md = SHA256.get();
        md.update(data, off, len);
        return md.digest(md.digest());
    }

    public static byte[] ripemd160(byte[] data) {
        RIPEMD160Digest d = new RIPEMD160Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[20];
        d.doFinal(out, 0);
        return out;
    }

    /** SHA-1, needed only by the script opcode OP_SHA1. */
    public static byte[] sha1(byte[] data) {
        SHA1Digest d = new SHA1Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[20];
        d.doFinal(out, 0);
        return out;
    }

    /** RIPEMD-160 of SHA-256: the hash in pay-to-pubkey-hash scripts and addresses. */
    public static byte[] hash160(byte[] data) {
        return ripemd160(sha256(data));
    }
}
