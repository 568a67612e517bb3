package org.nakamoto.chain.consensus;

/**
 * Why a header, block or transaction was refused. Codes are Bitcoin Core's reason strings, so logs and
 * RPC answers read the same as Core's. {@link #banScore()} is what a peer that sent it earns (100 bans);
 * reasons that an honest peer can trigger (an orphan, a policy rule) score 0. Tests assert on the enum,
 * never on message text.
 */
public enum RejectReason {
    // Parsing
    MALFORMED("malformed", "could not be parsed", 100),

    // Header
    HIGH_HASH("high-hash", "proof of work does not meet the target in bits", 100),
    BAD_DIFFBITS("bad-diffbits", "bits differ from the retarget rule", 100),
    BAD_BITS_ENCODING("bad-bits-encoding", "bits encode a negative, zero or overflowing target, or one above powLimit", 100),
    TIME_TOO_OLD("time-too-old", "time is not after the median of the previous 11 blocks", 100),
    TIME_TOO_NEW("time-too-new", "time is more than 2 hours after network-adjusted time", 0),
    PREV_BLOCK_MISMATCH("prev-blk-mismatch", "previous-block hash does not link to the chain", 100),
    PREV_BLOCK_NOT_FOUND("prev-blk-not-found", "previous block is unknown", 0),
    PREV_BLOCK_INVALID("bad-prevblk", "previous block is invalid", 100),
    CHECKPOINT_MISMATCH("checkpoint-mismatch", "block conflicts with a checkpoint", 100),
    BAD_VERSION("bad-version", "block version is obsolete", 100),

    // Block
    BAD_MERKLE_ROOT("bad-txnmrklroot", "merkle root does not match the transactions", 100),
    MUTATED_MERKLE("bad-txns-duplicate", "merkle tree repeats a transaction (mutated block)", 100),
    BAD_BLOCK_LENGTH("bad-blk-length", "block is empty or larger than the maximum block size", 100),
    BAD_SIGOPS("bad-blk-sigops", "too many signature operations", 100),
    FIRST_TX_NOT_COINBASE("bad-cb-missing", "first transaction is not a coinbase", 100),
    MULTIPLE_COINBASE("bad-cb-multiple", "more than one coinbase", 100),
    BAD_COINBASE_LENGTH("bad-cb-length", "coinbase script is not 2 to 100 bytes", 100),
    BAD_COINBASE_AMOUNT("bad-cb-amount", "coinbase pays more than subsidy plus fees", 100),
    BAD_COINBASE_HEIGHT("bad-cb-height", "coinbase does not commit to the block height", 100),
    DUPLICATE_TX("bad-txns-BIP30", "a transaction would overwrite an unspent one with the same txid", 100),
    DUPLICATE_BLOCK("duplicate", "block is already known", 0),

    // Transaction
    TX_NO_INPUTS("bad-txns-vin-empty", "transaction has no inputs", 100),
    TX_NO_OUTPUTS("bad-txns-vout-empty", "transaction has no outputs", 100),
    TX_OVERSIZE("bad-txns-oversize", "transaction is larger than a block", 100),
    TX_NEGATIVE_OUTPUT("bad-txns-vout-negative", "an output value is negative", 100),
    TX_OUTPUT_TOO_LARGE("bad-txns-vout-toolarge", "an output value exceeds 21 million coins", 100),
    TX_OUTPUT_TOTAL_TOO_LARGE("bad-txns-txouttotal-toolarge", "output values add to more than 21 million coins", 100),
    TX_DUPLICATE_INPUTS("bad-txns-inputs-duplicate", "an input is spent twice in one transaction", 100),
    TX_NULL_PREVOUT("bad-txns-prevout-null", "a non-coinbase input spends the null outpoint", 100),
    TX_MISSING_OR_SPENT("bad-txns-inputs-missingorspent", "an input spends an output that does not exist or is spent", 0),
    TX_PREMATURE_COINBASE_SPEND("bad-txns-premature-spend-of-coinbase", "an input spends a coinbase before it matured", 0),
    TX_INPUT_VALUES_OUT_OF_RANGE("bad-txns-inputvalues-outofrange", "input values add to more than 21 million coins", 100),
    TX_IN_BELOW_OUT("bad-txns-in-belowout", "outputs are worth more than inputs", 100),
    TX_NON_FINAL("bad-txns-nonfinal", "transaction is not final at this height and time", 100),
    SCRIPT_FAILED("mandatory-script-verify-flag-failed", "a script did not evaluate to true", 100),

    // Mempool policy (an honest peer may send these; no ban)
    TX_ALREADY_KNOWN("txn-already-known", "transaction is already in the mempool", 0),
    TX_ALREADY_CONFIRMED("txn-already-in-chain", "transaction is already confirmed", 0),
    TX_MEMPOOL_CONFLICT("txn-mempool-conflict", "transaction spends an output another mempool transaction spends", 0),
    TX_COINBASE_LOOSE("coinbase", "a coinbase is only valid in a block", 100),
    TX_FEE_TOO_LOW("min-relay-fee-not-met", "fee rate is below the minimum relay fee rate", 0),
    TX_MEMPOOL_FULL("mempool-full", "mempool is full and the fee rate is too low to evict anything", 0),
    TX_ORPHAN("missing-inputs", "parent transaction is unknown (kept as an orphan)", 0),
    TX_TOO_MANY_SIGOPS("bad-txns-too-many-sigops", "transaction has more signature operations than relay policy allows", 0),
    TX_NON_STANDARD("non-standard", "transaction is not standard", 0);

    private final String code;
    private final String message;
    private final int banScore;

    RejectReason(String code, String message, int banScore) {
        this.code = code;
        this.message = message;
        this.banScore = banScore;
    }

    /** Bitcoin Core's short reason string, such as {@code bad-txnmrklroot}. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int banScore() {
        return banScore;
    }
}
