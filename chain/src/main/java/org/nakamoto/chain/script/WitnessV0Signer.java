package org.nakamoto.chain.script;

import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.Witness;

/**
 * Produces segwit v0 input signatures (BIP 143): strict DER, low S, deterministic, followed by the
 * hash-type byte, over the hash that commits to the spent amount; and the witness a P2WPKH spend
 * carries. Stateless.
 */
public final class WitnessV0Signer {
    private WitnessV0Signer() {
    }

    /**
     * Signs input {@code inputIndex} of {@code tx}, which spends {@code amount} satoshis locked by a witness
     * v0 program whose script code is {@code scriptCode} (for P2WPKH {@link #payToWitnessKeyHashScriptCode},
     * for P2WSH the witness script).
     */
    public static byte[] sign(EcPrivateKey key, Transaction tx, int inputIndex, byte[] scriptCode, long amount,
            int hashType, PrecomputedTxData data) {
        if (hashType < 0 || hashType > 0xff) {
            throw new IllegalArgumentException("a signature carries one hash-type byte, got " + hashType);
        }
        byte[] hash = SignatureHash.witnessV0(tx, inputIndex, scriptCode, amount, hashType, data).toBytes();
        byte[] der = key.sign(hash).encodeDer();
        return new ByteWriter(der.length + 1).writeBytes(der).writeUint8(hashType).toByteArray();
    }

    /** The script code BIP 143 signs for a P2WPKH output of {@code publicKey}: the P2PKH script of its hash. */
    public static byte[] payToWitnessKeyHashScriptCode(byte[] publicKey) {
        return WitnessProgram.payToKeyHashScript(Hashes.hash160(publicKey));
    }

    /** The P2WPKH witness for input {@code inputIndex}: a SIGHASH_ALL signature and the compressed key. */
    public static Witness payToWitnessKeyHash(EcPrivateKey key, Transaction tx, int inputIndex, long amount,
            PrecomputedTxData data) {
        byte[] pub = key.publicKeyBytes(true);
        byte[] sig = sign(key, tx, inputIndex, payToWitnessKeyHashScriptCode(pub), amount, SignatureHash.ALL, data);
        return Witness.of(sig, pub);
    }
}
