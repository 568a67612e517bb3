package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;

/** Produces legacy input signatures: strict DER, low S, deterministic, followed by the hash-type byte. Stateless. */
public final class LegacySigner {
    private LegacySigner() {
    }

    /**
     * Signs input {@code inputIndex} of {@code tx}, whose spent output has {@code scriptCode} (the
     * scriptPubKey, or the redeem script for P2SH), and returns the signature as a scriptSig pushes it.
     */
    public static byte[] sign(EcPrivateKey key, Transaction tx, int inputIndex, Script scriptCode, int hashType) {
        if (hashType < 0 || hashType > 0xff) {
            throw new IllegalArgumentException("a signature carries one hash-type byte, got " + hashType);
        }
        byte[] hash = SignatureHash.legacy(tx, inputIndex, scriptCode.unsafeBytes(), hashType).toBytes();
        byte[] der = key.sign(hash).encodeDer();
        return new ByteWriter(der.length + 1).writeBytes(der).writeUint8(hashType).toByteArray();
    }
}
