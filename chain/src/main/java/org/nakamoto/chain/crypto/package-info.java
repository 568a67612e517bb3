/**
 * Hash functions, secp256k1 keys, ECDSA and BIP340 Schnorr as Bitcoin consensus needs them: lenient DER
 * parsing for legacy signatures, hybrid keys, high-S signatures accepted; RFC 6979 signing with low S.
 *
 * <p>The curve arithmetic sits behind one interface, {@link org.nakamoto.chain.crypto.SignatureEngine},
 * with two implementations that must agree bit for bit: libsecp256k1 (the library Core uses) through
 * ACINQ's JNI binding, the default wherever its native library loads, and Bouncy Castle's GLV curve in
 * pure Java, the fallback. {@link org.nakamoto.chain.crypto.SignatureEngines} chooses once per process
 * (system property {@code nakamoto.secp256k1=auto|native|java}) and logs the choice. The encodings
 * consensus tolerates are handled here, above the engines, so both see the same normalised inputs.
 *
 * <p>The bottom of the module graph: it depends on the JDK, Bouncy Castle, the binding and SLF4J only, as
 * Core's crypto library depends on nothing, so every other package may use it.
 *
 * <p>Threads: keys and signatures are immutable and may be shared; both engines are stateless.
 * {@code Hashes} keeps one SHA-256 digest per thread, so it is safe from any thread without locking;
 * {@code LaxDerParser} is stateless.
 */
package org.nakamoto.chain.crypto;
