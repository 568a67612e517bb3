package org.nakamoto.chain.script;

/**
 * What a taproot spend's signatures commit to beyond the transaction, gathered while the witness is
 * checked and the script runs (Core's {@code ScriptExecutionData}): the annex, the leaf being executed,
 * the position of the last executed OP_CODESEPARATOR, and BIP 342's remaining signature-validation
 * budget. Mutable by design: one instance belongs to one input's evaluation on one thread and is never
 * shared.
 */
public final class ScriptExecutionData {
    /** The code-separator position signed when no OP_CODESEPARATOR has executed. */
    public static final long NO_CODE_SEPARATOR = 0xFFFFFFFFL;

    private byte[] annexHash;
    private byte[] tapleafHash;
    private long codeSeparatorPosition = NO_CODE_SEPARATOR;
    private long validationWeightLeft;

    /** SHA-256 of the annex with its compact-size length prefix, or null when the witness has no annex. */
    public byte[] annexHash() {
        return annexHash;
    }

    public void annexHash(byte[] sha256OfSerializedAnnex) {
        this.annexHash = sha256OfSerializedAnnex;
    }

    /** The executed leaf's BIP 341 hash; null on the key path. */
    public byte[] tapleafHash() {
        return tapleafHash;
    }

    public void tapleafHash(byte[] hash) {
        this.tapleafHash = hash;
    }

    /** The opcode index (not byte offset) of the last executed OP_CODESEPARATOR in the tapscript. */
    public long codeSeparatorPosition() {
        return codeSeparatorPosition;
    }

    public void codeSeparatorPosition(long opcodeIndex) {
        this.codeSeparatorPosition = opcodeIndex;
    }

    /** BIP 342's budget: 50 plus the witness's serialized size, less 50 per signature checked. */
    public long validationWeightLeft() {
        return validationWeightLeft;
    }

    public void validationWeightLeft(long weight) {
        this.validationWeightLeft = weight;
    }
}
