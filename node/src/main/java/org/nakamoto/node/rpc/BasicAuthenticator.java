package org.nakamoto.node.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks an HTTP Authorization header against the one accepted "user:password" (Core's RPCAuthorized).
 * Only digests are compared, with MessageDigest.isEqual, so the time taken reveals neither the secret
 * nor how much of it a guess got right, nor its length. Immutable.
 */
final class BasicAuthenticator {
    private final byte[] expectedDigest;

    BasicAuthenticator(String user, String password) {
        this.expectedDigest = sha256((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @param header the Authorization header, or null when absent */
    boolean accepts(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        byte[] userColonPass;
        try {
            userColonPass = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(userColonPass));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
