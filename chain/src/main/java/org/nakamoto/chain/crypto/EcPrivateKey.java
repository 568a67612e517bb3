package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A secp256k1 private key (1 <= d < n) that signs with RFC 6979 deterministic nonces (HMAC-SHA256), as
 * Bitcoin Core does, so the same key and hash always give the same signature and no weak random number
 * can leak the key. Signatures come out low-S. It also signs BIP340 Schnorr signatures. The arithmetic
 * is the process's {@link SignatureEngine}; both engines give the same bytes. Immutable; safe to share.
 * {@link #toString()} never shows the secret.
 */
public final class EcPrivateKey {
    private final BigInteger d;
    private final EcPublicKey publicKey;

    private EcPrivateKey(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("private key out of range [1, n-1]");
        }
        this.d = d;
        this.publicKey = new EcPublicKey(new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), d));
    }

    public static EcPrivateKey of(BigInteger d) {
        return new EcPrivateKey(d);
    }

    /** A 32-byte big-endian secret. */
    public static EcPrivateKey fromBytes(byte[] secret32) {
        if (secret32.length != 32) {
            throw new IllegalArgumentException("private key must be 32 bytes, got " + secret32.length);
        }
        return new EcPrivateKey(new BigInteger(1, secret32));
    }

    public static EcPrivateKey generate(SecureRandom random) {
        while (true) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            BigInteger d = new BigInteger(1, b);
            if (d.signum() > 0 && d.compareTo(Secp256k1.N) < 0) {
                return new EcPrivateKey(d);
            }
        }
    }

    /** Signs a 32-byte hash: deterministic nonce (RFC 6979), s normalised to the low half. */
    public EcdsaSignature sign(byte[] hash32) {
        if (hash32.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes, got " + hash32.length);
        }
        return SignatureEngines.active().signEcdsa(hash32, this);
    }

    /**
     * A BIP340 Schnorr signature (64 bytes) of a message, for the x-only key {@link #xOnlyPublicKey()}.
     * The 32 bytes of auxiliary randomness only harden the nonce against side channels; BIP340 signs
     * correctly with any value, and the same value gives the same signature.
     */
    public byte[] signSchnorr(byte[] message, byte[] auxRand32) {
        if (auxRand32.length != 32) {
            throw new IllegalArgumentException("auxiliary randomness must be 32 bytes, got " + auxRand32.length);
        }
        return SignatureEngines.active().signSchnorr(message, this, auxRand32);
    }

    /** BIP340 signing with fresh auxiliary randomness from {@code random}, as a wallet should sign. */
    public byte[] signSchnorr(byte[] message, SecureRandom random) {
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        return signSchnorr(message, aux);
    }

    /**
     * The secret for {@code lift_x(x(P)) + tweak*G}: this key negated when its point has odd y (the x-only
     * key stands for the even-y point), plus the tweak. BIP 341's taproot_tweak_seckey applies it with the
     * TapTweak hash. Throws for a tweak not below the group order or a zero result (probability ~2^-128).
     */
    public EcPrivateKey xOnlyTweakAdd(byte[] tweak32) {
        BigInteger t = new BigInteger(1, tweak32);
        if (tweak32.length != 32 || t.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("tweak must be 32 bytes below the group order");
        }
        BigInteger even = publicKey.hasEvenY() ? d : Secp256k1.N.subtract(d);
        BigInteger tweaked = even.add(t).mod(Secp256k1.N);
        if (tweaked.signum() == 0) {
            throw new IllegalArgumentException("tweaked key is zero");
        }
        return new EcPrivateKey(tweaked);
    }

    /** The 32-byte x-only public key BIP340 signatures verify against. */
    public byte[] xOnlyPublicKey() {
        return publicKey.xOnly();
    }

    BigInteger secret() {
        return d;
    }

    public EcPublicKey publicKey() {
        return publicKey;
    }

    /** The public key's compressed (33 bytes) or uncompressed (65 bytes) encoding. */
    public byte[] publicKeyBytes(boolean compressed) {
        return publicKey.encode(compressed);
    }

    /** The 32-byte big-endian secret. */
    public byte[] toBytes() {
        byte[] out = new byte[32];
        byte[] b = d.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcPrivateKey k && d.equals(k.d);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "EcPrivateKey[pub=" + publicKey + "]";
    }
}
