package org.nakamoto.chain.consensus;

/**
 * Why a header, block or transaction was refused. Codes are Bitcoin Core's reason strings, so logs and
 * RPC answers read the same as Core's. Each reason carries a {@link Category}, which is what callers
 * decide on (the network layer's punishment, whether a block is marked invalid), much as bcoin's
 * VerifyError carries its code, reason, score and "malleated" flag together. Tests assert on the enum,
 * never on message text.
 */
public enum RejectReason {
    // Header
    HIGH_HASH(Category.CONSENSUS, "high-hash", "proof of work does not meet the target in bits"),
    BAD_DIFFBITS(Category.CONSENSUS, "bad-diffbits", "bits differ from the retarget rule"),
    BAD_BITS_ENCODING(Category.CONSENSUS, "bad-bits-encoding", "bits encode a negative, zero or overflowing target, or one above powLimit"),
    TIME_TOO_OLD(Category.CONSENSUS, "time-too-old", "time is not after the median of the previous 11 blocks"),
    TIME_TOO_NEW(Category.FUTURE_TIME, "time-too-new", "time is more than 2 hours after network-adjusted time"),
    PREV_BLOCK_MISMATCH(Category.CONSENSUS, "prev-blk-mismatch", "previous-block hash does not link to the chain"),
    PREV_BLOCK_NOT_FOUND(Category.MISSING_PARENT, "prev-blk-not-found", "previous block is unknown"),
    // Consensus, not cached-invalid: the header itself is new, but building on an invalid block is (Core's
    // BLOCK_INVALID_PREV, punished like BLOCK_CONSENSUS).
    PREV_BLOCK_INVALID(Category.CONSENSUS, "bad-prevblk", "previous block is invalid"),
    CHECKPOINT_MISMATCH(Category.CONSENSUS, "checkpoint-mismatch", "block conflicts with a checkpoint"),
    BAD_VERSION(Category.CONSENSUS, "bad-version", "block version is obsolete"),

    // Block
    BAD_MERKLE_ROOT(Category.MUTATED, "bad-txnmrklroot", "merkle root does not match the transactions"),
    MUTATED_MERKLE(Category.MUTATED, "bad-txns-duplicate", "merkle tree repeats a transaction (mutated block)"),
    BAD_BLOCK_LENGTH(Category.CONSENSUS, "bad-blk-length", "block is empty or larger than the maximum block size"),
    BAD_SIGOPS(Category.CONSENSUS, "bad-blk-sigops", "too many signature operations"),
    FIRST_TX_NOT_COINBASE(Category.CONSENSUS, "bad-cb-missing", "first transaction is not a coinbase"),
    MULTIPLE_COINBASE(Category.CONSENSUS, "bad-cb-multiple", "more than one coinbase"),
    BAD_COINBASE_LENGTH(Category.CONSENSUS, "bad-cb-length", "coinbase script is not 2 to 100 bytes"),
    BAD_COINBASE_AMOUNT(Category.CONSENSUS, "bad-cb-amount", "coinbase pays more than subsidy plus fees"),
    BAD_COINBASE_HEIGHT(Category.CONSENSUS, "bad-cb-height", "coinbase does not commit to the block height"),
    DUPLICATE_TX(Category.CONSENSUS, "bad-txns-BIP30", "a transaction would overwrite an unspent one with the same txid"),
    DUPLICATE_BLOCK(Category.CACHED_INVALID, "duplicate", "block is already known"),
    // BIP141. The witness failures are "mutated" as in Core: witnesses are not covered by the block hash,
    // so the same header may still come with the right ones.
    BAD_BLOCK_WEIGHT(Category.CONSENSUS, "bad-blk-weight", "block weight exceeds the limit"),
    BAD_WITNESS_NONCE_SIZE(Category.MUTATED, "bad-witness-nonce-size",
            "the coinbase witness is not a single 32-byte reserved value"),
    BAD_WITNESS_MERKLE_MATCH(Category.MUTATED, "bad-witness-merkle-match",
            "the witness commitment does not match the witnesses"),
    UNEXPECTED_WITNESS(Category.MUTATED, "unexpected-witness", "witness data in a block without a witness commitment"),

    // Transaction
    TX_NO_INPUTS(Category.CONSENSUS, "bad-txns-vin-empty", "transaction has no inputs"),
    TX_NO_OUTPUTS(Category.CONSENSUS, "bad-txns-vout-empty", "transaction has no outputs"),
    TX_OVERSIZE(Category.CONSENSUS, "bad-txns-oversize", "transaction is larger than a block"),
    TX_NEGATIVE_OUTPUT(Category.CONSENSUS, "bad-txns-vout-negative", "an output value is negative"),
    TX_OUTPUT_TOO_LARGE(Category.CONSENSUS, "bad-txns-vout-toolarge", "an output value exceeds 21 million coins"),
    TX_OUTPUT_TOTAL_TOO_LARGE(Category.CONSENSUS, "bad-txns-txouttotal-toolarge", "output values add to more than 21 million coins"),
    TX_DUPLICATE_INPUTS(Category.CONSENSUS, "bad-txns-inputs-duplicate", "an input is spent twice in one transaction"),
    TX_NULL_PREVOUT(Category.CONSENSUS, "bad-txns-prevout-null", "a non-coinbase input spends the null outpoint"),
    TX_MISSING_OR_SPENT(Category.MISSING_INPUTS, "bad-txns-inputs-missingorspent", "an input spends an output that does not exist or is spent"),
    TX_PREMATURE_COINBASE_SPEND(Category.PREMATURE, "bad-txns-premature-spend-of-coinbase", "an input spends a coinbase before it matured"),
    TX_INPUT_VALUES_OUT_OF_RANGE(Category.CONSENSUS, "bad-txns-inputvalues-outofrange", "input values add to more than 21 million coins"),
    TX_IN_BELOW_OUT(Category.CONSENSUS, "bad-txns-in-belowout", "outputs are worth more than inputs"),
    TX_NON_FINAL(Category.PREMATURE, "bad-txns-nonfinal", "transaction is not final at this height and time"),
    // Core's name since v30; the reject string adds the script error: "block-script-verify-flag-failed (<error>)".
    SCRIPT_FAILED(Category.CONSENSUS, "block-script-verify-flag-failed", "a script failed under the block's consensus flags"),

    // Mempool admission: policy and duplicates, and a coinbase outside a block (invalid anywhere else)
    TX_ALREADY_KNOWN(Category.POLICY, "txn-already-known", "transaction is already in the mempool"),
    TX_ALREADY_CONFIRMED(Category.POLICY, "txn-already-in-chain", "transaction is already confirmed"),
    TX_MEMPOOL_CONFLICT(Category.POLICY, "txn-mempool-conflict", "transaction spends an output another mempool transaction spends"),
    TX_COINBASE_LOOSE(Category.CONSENSUS, "coinbase", "a coinbase is only valid in a block"),
    TX_FEE_TOO_LOW(Category.POLICY, "min-relay-fee-not-met", "fee rate is below the minimum relay fee rate"),
    TX_MEMPOOL_FULL(Category.POLICY, "mempool-full", "mempool is full and the fee rate is too low to evict anything"),
    TX_ORPHAN(Category.MISSING_INPUTS, "missing-inputs", "parent transaction is unknown (kept as an orphan)"),
    TX_TOO_MANY_SIGOPS(Category.POLICY, "bad-txns-too-many-sigops", "transaction has more signature operations than relay policy allows"),
    // Core's name since v30 for every script failure under the standard flags, consensus or policy (the
    // reject string adds the script error); Core no longer punishes peers for any transaction's scripts.
    TX_SCRIPT_FAILED(Category.POLICY, "mempool-script-verify-flag-failed", "a script failed under the standard script flags"),
    TX_NON_BIP68_FINAL(Category.PREMATURE, "non-BIP68-final", "an input's relative lock time (BIP68) has not passed at the next block"),

    // Standardness (Core's IsStandardTx and AreInputsStandard), one reason per rule with Core's string
    TX_NONSTANDARD_VERSION(Category.POLICY, "version", "transaction version is outside 1 to 3"),
    TX_NONSTANDARD_SIZE(Category.POLICY, "tx-size", "transaction is larger than relay policy allows"),
    TX_NONSTANDARD_SCRIPTSIG_SIZE(Category.POLICY, "scriptsig-size", "a scriptSig is larger than relay policy allows"),
    TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY(Category.POLICY, "scriptsig-not-pushonly", "a scriptSig does more than push data"),
    TX_NONSTANDARD_WITNESS(Category.POLICY, "bad-witness-nonstandard",
            "a witness on an input that spends no witness program, or a P2WSH witness beyond relay limits"),
    TX_NONSTANDARD_INPUTS(Category.POLICY, "bad-txns-nonstandard-inputs",
            "an input spends a non-standard or unknown witness output, or a pay-to-script-hash input runs more"
                    + " signature operations than relay policy allows"),
    TX_NONSTANDARD_SCRIPTPUBKEY(Category.POLICY, "scriptpubkey",
            "an output script follows no standard template (or is a bare multisig beyond 3 keys)"),
    TX_NONSTANDARD_BARE_MULTISIG(Category.POLICY, "bare-multisig", "a bare multisig output, with -permitbaremultisig off"),
    TX_NONSTANDARD_DATACARRIER(Category.POLICY, "datacarrier",
            "OP_RETURN outputs are larger together than -datacarriersize allows (or -datacarrier is off)"),
    TX_NONSTANDARD_DUST(Category.POLICY, "dust",
            "more than one dust output, or a dust output on a transaction that pays a fee");

    /**
     * What kind of refusal a reason is, after Core's TxValidationResult and BlockValidationResult. A
     * category says what the failure proves about the data, not what it costs a peer: that depends on
     * whether the data came as a transaction or in a block (a missing input is an honest disagreement in
     * the first and an invalid block in the second), so the network layer decides from category and
     * context together.
     */
    public enum Category {
        /** Breaks a consensus rule whatever the chain state: the data is invalid for everyone. */
        CONSENSUS,
        /** Valid by consensus but refused by this node's relay policy (standardness, fees, mempool limits). */
        POLICY,
        /** Spends an output this node does not have: unknown, already spent, or in a parent not yet seen. */
        MISSING_INPUTS,
        /** Not valid yet but may become valid: a lock time not reached, a coinbase not yet mature. */
        PREMATURE,
        /** A header timed too far past this node's clock; the clock may be the one that is wrong. */
        FUTURE_TIME,
        /**
         * A header whose parent is unknown. Separate from {@link #MISSING_INPUTS} because the two differ in a
         * block: an unknown parent is kept as an orphan, a missing input makes the block invalid.
         */
        MISSING_PARENT,
        /**
         * The body does not match its header (merkle root, a repeated transaction): the header's hash may
         * still name a valid block, so the block is not marked invalid (Core's BLOCK_MUTATED).
         */
        MUTATED,
        /** The block is already known to be invalid (Core's BLOCK_CACHED_INVALID). */
        CACHED_INVALID
    }

    private final Category category;
    private final String code;
    private final String message;

    RejectReason(Category category, String code, String message) {
        this.category = category;
        this.code = code;
        this.message = message;
    }

    public Category category() {
        return category;
    }

    /** Bitcoin Core's short reason string, such as {@code bad-txnmrklroot}. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
