package org.nakamoto.chain.script;

import java.util.Arrays;
import org.nakamoto.chain.crypto.EcPrivateKey;

/**
 * Produces taproot key-path signatures (BIP 341): the internal key tweaked by its commitment signs BIP
 * 341's hash with BIP340 Schnorr. A SIGHASH_DEFAULT signature is 64 bytes; any other hash type is
 * appended as a 65th byte. The signature is the whole witness of a key-path spend (with no annex).
 * Stateless.
 */
public final class TaprootSigner {
    private TaprootSigner() {
    }

    /**
     * Signs input {@code inputIndex} of {@code data}'s transaction, which spends the output key of
     * {@code internalKey} committing to {@code merkleRootOrNull} (null for a BIP 86 key-path-only output).
     *
     * @param data made with every input's spent output
     * @param auxRand32 BIP340's auxiliary randomness: fresh random bytes in a wallet, fixed in tests
     */
    public static byte[] signKeyPath(PrecomputedTxData data, int inputIndex, int hashType, EcPrivateKey internalKey,
            byte[] merkleRootOrNull, byte[] auxRand32) {
        byte[] hash = TaprootSignatureHash.compute(data, inputIndex, hashType, SigVersion.TAPROOT,
                new ScriptExecutionData());
        if (hash == null) {
            throw new IllegalArgumentException("hash type 0x" + Integer.toHexString(hashType)
                    + " is not defined for input " + inputIndex + " of this transaction");
        }
        byte[] sig = Taproot.tweakPrivateKey(internalKey, merkleRootOrNull).signSchnorr(hash, auxRand32);
        if (hashType == TaprootSignatureHash.DEFAULT) {
            return sig;
        }
        byte[] withType = Arrays.copyOf(sig, 65);
        withType[64] = (byte) hashType;
        return withType;
    }
}
