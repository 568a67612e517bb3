package org.nakamoto.chain.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Optional;

/**
 * libsecp256k1, the library Bitcoin Core verifies with, through ACINQ's JNI binding (secp256k1-kmp),
 * whose jar carries the compiled library for Linux, macOS and Windows. About three times the Java
 * engine's speed.
 *
 * <p>The binding is strict where consensus is lenient, so this class bridges the two: signatures arrive
 * already parsed by our lax DER parser and go in as 64-byte compact (r, s) with s folded into the low
 * half (libsecp256k1 refuses high S; Core normalises too, which is equivalent); keys arrive as 02/03/04
 * encodings (the caller converts hybrid 06/07 after checking their parity, which libsecp256k1's parser
 * would also accept). The binding throws on input it refuses; that is turned into false or empty here.
 *
 * <p>Threads: the binding shares one libsecp256k1 context between threads, which the library allows for
 * everything but randomisation (nothing here randomises). No lock is taken, so parallel block validation
 * scales with cores. One caveat, and why every input is checked before the call: the binding points the
 * context's error callbacks at the calling thread's stack on each call, so a callback fired by one thread
 * could write into another's. libsecp256k1 fires them only on API misuse (null pointers, wrong lengths,
 * bad flags), never for invalid keys or signatures, and this class passes only arrays of the lengths the
 * binding checks. Stateless.
 */
final class NativeSignatureEngine implements SignatureEngine {
    private final Secp256k1 lib;

    private NativeSignatureEngine(Secp256k1 lib) {
        this.lib = lib;
    }

    /**
     * Loads the native library (the binding extracts it to a temporary directory) and checks it on a known
     * signature. Throws whatever the loader throws: {@link UnsatisfiedLinkError}, {@link IllegalStateException}.
     */
    static NativeSignatureEngine load() {
        NativeSignatureEngine engine = new NativeSignatureEngine(Secp256k1.Companion.get());
        engine.selfTest();
        return engine;
    }

    /** One signature made and checked both ways, so a broken library fails at start, not at block 170. */
    private void selfTest() {
        EcPrivateKey key = EcPrivateKey.of(java.math.BigInteger.valueOf(0x5eed));
        byte[] hash = Hashes.sha256(new byte[] {1, 2, 3});
        EcdsaSignature mine = signEcdsa(hash, key);
        EcdsaSignature java = JavaSignatureEngine.INSTANCE.signEcdsa(hash, key);
        if (!mine.equals(java) || !verifyEcdsa(hash, mine, key.publicKey())
                || verifyEcdsa(Hashes.sha256(hash), mine, key.publicKey())) {
            throw new IllegalStateException("libsecp256k1 failed its self-test against Bouncy Castle");
        }
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "libsecp256k1 via JNI (fr.acinq.secp256k1 " + Optional.ofNullable(Secp256k1.class.getPackage().getImplementationVersion())
                .orElse("secp256k1-kmp") + ")";
    }

    @Override
    public Optional<EcPublicKey> decodePublicKey(byte[] standardEncoding) {
        try {
            return Optional.of(EcPublicKey.adoptValidatedUncompressed(lib.pubkeyParse(standardEncoding)));
        } catch (RuntimeException e) {
            return Optional.empty(); // Secp256k1Exception: not a point on the curve
        }
    }

    @Override
    public boolean verifyEcdsa(byte[] hash32, EcdsaSignature signature, EcPublicKey key) {
        try {
            return lib.verify(signature.withLowS().toCompact(), hash32, key.uncompressedUnsafe());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public EcdsaSignature signEcdsa(byte[] hash32, EcPrivateKey key) {
        // secp256k1_ecdsa_sign with the default nonce function: RFC 6979 HMAC-SHA256, s already low.
        return EcdsaSignature.fromCompact(lib.sign(hash32, key.toBytes()));
    }

    @Override
    public boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xOnlyPublicKey32) {
        if (signature64 == null || message == null || xOnlyPublicKey32 == null
                || signature64.length != 64 || xOnlyPublicKey32.length != 32) {
            return false;
        }
        if (message.length != 32) {
            // The binding takes 32-byte messages only (all that taproot signs); BIP340 allows any length.
            return Bip340.verify(signature64, message, xOnlyPublicKey32);
        }
        try {
            return lib.verifySchnorr(signature64, message, xOnlyPublicKey32);
        } catch (RuntimeException e) {
            return false; // the x-only key is not on the curve
        }
    }

    @Override
    public Optional<byte[]> xOnlyTweakAdd(byte[] xOnly32, byte[] tweak32) {
        if (xOnly32 == null || tweak32 == null || xOnly32.length != 32 || tweak32.length != 32) {
            return Optional.empty();
        }
        byte[] even = new byte[33];
        even[0] = 0x02;
        System.arraycopy(xOnly32, 0, even, 1, 32);
        byte[] sum;
        try {
            // 02||x is lift_x(x); the binding returns the sum uncompressed (04||x||y).
            sum = lib.pubKeyTweakAdd(even, tweak32);
        } catch (RuntimeException e) {
            return Optional.empty(); // x not on the curve, tweak >= n, or the sum is infinity
        }
        byte[] out = new byte[33];
        out[0] = (byte) ((sum[64] & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(sum, 1, out, 1, 32);
        return Optional.of(out);
    }

    @Override
    public byte[] signSchnorr(byte[] message, EcPrivateKey key, byte[] auxRand32) {
        if (message.length != 32) {
            return Bip340.sign(message, key.secret(), auxRand32);
        }
        return lib.signSchnorr(message, key.toBytes(), auxRand32);
    }

    @Override
    public String toString() {
        return name();
    }
}
