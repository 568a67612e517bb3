package org.nakamoto.chain.script;

/**
 * What the interpreter needs from the transaction being spent: "does this signature sign this input?" and,
 * for OP_CHECKLOCKTIMEVERIFY and OP_CHECKSEQUENCEVERIFY, "is this lock time satisfied?" (Core's
 * {@code BaseSignatureChecker}).
 * Keeping it an interface keeps the interpreter free of transactions, lets tests run scripts without one,
 * and lets block validation hand each input's check to a worker thread. Implementations must be
 * thread-safe if they are shared between evaluations.
 */
public interface SignatureChecker {
    /** A checker for scripts evaluated outside any transaction: every signature fails. */
    SignatureChecker NONE = (signature, publicKey, scriptCode) -> false;

    /**
     * @param signatureWithHashType the stack item: a DER signature followed by one hash-type byte
     * @param publicKey the stack item holding the serialized public key
     * @param scriptCode the script from the last executed OP_CODESEPARATOR on, the signature(s) already
     *     removed by FindAndDelete
     * @return true only when the signature is valid; any malformed input is false, never an exception
     */
    boolean checkSignature(byte[] signatureWithHashType, byte[] publicKey, byte[] scriptCode);

    /**
     * The same for a script of kind {@code sigVersion}; witness v0 scripts sign BIP 143's hash, which
     * covers the spent amount. The default checks legacy signatures only: a checker that knows no amount
     * cannot check a witness signature, so it fails it.
     */
    default boolean checkSignature(byte[] signatureWithHashType, byte[] publicKey, byte[] scriptCode,
            SigVersion sigVersion) {
        return sigVersion == SigVersion.BASE && checkSignature(signatureWithHashType, publicKey, scriptCode);
    }

    /**
     * Core's CheckSchnorrSignature for a taproot key-path spend or a tapscript signature check: a 64-byte
     * BIP340 signature (SIGHASH_DEFAULT) or 65 with an explicit, defined, non-zero hash type, over BIP 341's
     * signature hash, by the 32-byte x-only key. The default, for checkers without a transaction, fails.
     *
     * @param exec the annex and, for tapscript, the leaf and code-separator position the hash signs
     * @return {@link ScriptError#OK}, or SCHNORR_SIG_SIZE, SCHNORR_SIG_HASHTYPE or SCHNORR_SIG
     */
    default ScriptError checkSchnorrSignature(byte[] signature, byte[] xOnlyKey32, SigVersion sigVersion,
            ScriptExecutionData exec) {
        return ScriptError.SCHNORR_SIG;
    }

    /**
     * BIP 65: whether the transaction's lock time is at least {@code lockTime}, of the same kind (height or
     * time), and enforced (the input's sequence not final). Without a transaction, false.
     *
     * @param lockTime the operand, already known to be non-negative and at most 5 bytes
     */
    default boolean checkLockTime(long lockTime) {
        return false;
    }

    /**
     * BIP 112: whether the input's relative lock time is at least {@code sequence}, of the same kind
     * (blocks or 512-second units). Without a transaction, false.
     *
     * @param sequence the operand, already known to be non-negative and without the disable bit
     */
    default boolean checkSequence(long sequence) {
        return false;
    }
}
