/**
 * Hash functions, secp256k1 keys and ECDSA as Bitcoin consensus needs them: lenient DER parsing for legacy
 * signatures, RFC 6979 signing with low S, verification on Bouncy Castle's GLV curve.
 *
 * <p>The bottom of the module graph: it depends on the JDK and Bouncy Castle only, as Core's crypto library
 * depends on nothing, so every other package may use it.
 *
 * <p>Threads: keys and signatures are immutable and may be shared. {@code Hashes} keeps one SHA-256 digest
 * per thread, so it is safe from any thread without locking; {@code LaxDerParser} is stateless.
 */
package org.nakamoto.chain.crypto;
