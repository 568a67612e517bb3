package org.nakamoto.chain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A BIP340 tagged hash: {@code SHA256(SHA256(tag) || SHA256(tag) || data)}, which keeps hashes made for
 * one purpose (a nonce, a challenge, a taproot leaf) from ever colliding with another's. The 64-byte
 * prefix fills exactly one SHA-256 block, so a digest that has absorbed it is kept and cloned per use
 * rather than rehashing the tag each time. Immutable; the prototype digest is never updated after
 * construction, so cloning it from many threads at once is safe.
 */
public final class TaggedHash {
    private final String tag;
    private final MessageDigest prefixed;

    private TaggedHash(String tag) {
        this.tag = tag;
        byte[] tagHash = Hashes.sha256(tag.getBytes(StandardCharsets.UTF_8));
        MessageDigest md = Hashes.newSha256();
        md.update(tagHash);
        md.update(tagHash);
        this.prefixed = md;
    }

    /** The tagged hash for {@code tag}; callers keep the instance in a constant. */
    public static TaggedHash of(String tag) {
        return new TaggedHash(tag);
    }

    /** The tagged hash of the concatenation of {@code parts}. */
    public byte[] hash(byte[]... parts) {
        MessageDigest md = start();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** A digest that has absorbed the tag prefix, for callers that stream their data in. */
    public MessageDigest start() {
        try {
            return (MessageDigest) prefixed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
        }
    }

    public String tag() {
        return tag;
    }

    @Override
    public String toString() {
        return "TaggedHash[" + tag + "]";
    }
}
