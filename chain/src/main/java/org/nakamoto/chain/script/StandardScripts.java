package org.nakamoto.chain.script;

import static org.nakamoto.chain.script.Opcodes.*;

import org.nakamoto.chain.model.Script;

/**
 * The standard legacy output scripts and the scriptSigs that spend them. Only constructors: validation
 * never matches templates, it runs the interpreter. Stateless.
 */
public final class StandardScripts {
    private StandardScripts() {
    }

    /** Pay-to-pubkey: {@code <pubkey> OP_CHECKSIG} (the coinbase outputs of the early chain). */
    public static Script payToPubKey(byte[] publicKey) {
        return new ScriptBuilder().data(publicKey).op(OP_CHECKSIG).build();
    }

    /** Pay-to-pubkey-hash: {@code OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG}. */
    public static Script payToPubKeyHash(byte[] hash160) {
        requireHash160(hash160);
        return new ScriptBuilder().op(OP_DUP).op(OP_HASH160).data(hash160).op(OP_EQUALVERIFY).op(OP_CHECKSIG).build();
    }

    /** BIP 16 pay-to-script-hash: {@code OP_HASH160 <20 bytes> OP_EQUAL}. */
    /** BIP 141 P2WPKH: OP_0 [20-byte HASH160 of a compressed key]. */
    public static Script payToWitnessKeyHash(byte[] hash160) {
        if (hash160.length != 20) {
            throw new IllegalArgumentException("a key hash is 20 bytes, got " + hash160.length);
        }
        return new ScriptBuilder().op(OP_0).data(hash160).build();
    }

    /** BIP 141 P2WSH: OP_0 [32-byte SHA-256 of the witness script]. */
    public static Script payToWitnessScriptHash(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a script hash is 32 bytes, got " + sha256.length);
        }
        return new ScriptBuilder().op(OP_0).data(sha256).build();
    }

    public static Script payToScriptHash(byte[] hash160) {
        requireHash160(hash160);
        return new ScriptBuilder().op(OP_HASH160).data(hash160).op(OP_EQUAL).build();
    }

    /** The scriptSig spending pay-to-pubkey: {@code <signature+hashtype>}. */
    public static Script spendPayToPubKey(byte[] signatureWithHashType) {
        return new ScriptBuilder().data(signatureWithHashType).build();
    }

    /** The scriptSig spending pay-to-pubkey-hash: {@code <signature+hashtype> <pubkey>}. */
    public static Script spendPayToPubKeyHash(byte[] signatureWithHashType, byte[] publicKey) {
        return new ScriptBuilder().data(signatureWithHashType).data(publicKey).build();
    }

    private static void requireHash160(byte[] h) {
        if (h.length != 20) {
            throw new IllegalArgumentException("hash160 must be 20 bytes, got " + h.length);
        }
    }
}
