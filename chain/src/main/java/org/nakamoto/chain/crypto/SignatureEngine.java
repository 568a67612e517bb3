package org.nakamoto.chain.crypto;

import java.util.Optional;

/**
 * The secp256k1 arithmetic behind every signature the node checks or makes: public key parsing, ECDSA
 * and BIP340 Schnorr, verification and signing. Two implementations give identical answers:
 * {@link NativeSignatureEngine} (libsecp256k1, what Core runs) and {@link JavaSignatureEngine} (Bouncy
 * Castle, the fallback); {@link SignatureEngines} picks one for the process.
 *
 * <p>Consensus encoding rules (lax DER, hybrid keys, the hash type byte) stay outside: callers hand over
 * keys and signatures already decoded, so both engines see exactly the same inputs. Implementations are
 * stateless and safe from any thread.
 */
public interface SignatureEngine {
    /** "native" or "java": what logs, getnetworkinfo and metrics show. */
    String name();

    /** One line for the start-up log: which library, which version. */
    String description();

    /**
     * Parses a 33-byte compressed (02/03) or 65-byte uncompressed (04) key; empty when it is not a point
     * on the curve. Hybrid keys are converted to 04 by the caller once their parity byte is checked.
     */
    Optional<EcPublicKey> decodePublicKey(byte[] standardEncoding);

    /**
     * ECDSA over a 32-byte hash; r and s are already in [1, n-1]. High-S signatures verify (consensus
     * accepts them), exactly as Core's {@code CPubKey::Verify}, which normalises before checking.
     */
    boolean verifyEcdsa(byte[] hash32, EcdsaSignature signature, EcPublicKey key);

    /** RFC 6979 deterministic ECDSA with s in the low half: the same bytes from either engine. */
    EcdsaSignature signEcdsa(byte[] hash32, EcPrivateKey key);

    /** BIP340 verification of a 64-byte signature by a 32-byte x-only key; any malformed input is false. */
    boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xOnlyPublicKey32);

    /**
     * BIP341's output-key tweak: the point {@code lift_x(xOnly) + tweak*G}, as 33 bytes (0x02 or 0x03 for
     * the parity of y, then x), or empty when the key is not on the curve, the tweak is not below the
     * group order, or the sum is infinity (libsecp256k1's {@code xonly_pubkey_tweak_add}).
     */
    Optional<byte[]> xOnlyTweakAdd(byte[] xOnly32, byte[] tweak32);

    /** BIP340 signing with 32 bytes of auxiliary randomness (the BIP's recommended nonce derivation). */
    byte[] signSchnorr(byte[] message, EcPrivateKey key, byte[] auxRand32);
}
