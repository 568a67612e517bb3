package org.nakamoto.chain.consensus;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.SoftForks;

/**
 * The rules for one header: on its own (proof of work against the bits it claims) and against its
 * parent's branch (linkage, required bits, checkpoints, time). Stateless apart from the params and the
 * clock, so the block index, the miner's template check and the tests' header-run validator share it.
 *
 * <p>Order, and so which reason a header with several faults gets, follows Core: CheckBlockHeader (proof
 * of work) runs before ContextualCheckBlockHeader. A real header whose bits or time were altered
 * therefore fails {@link RejectReason#HIGH_HASH}, because altering it changed its hash; bad-diffbits is
 * what a header gets only when its work is valid for the wrong bits.
 */
public final class HeaderChainValidator {
    /** How far past network-adjusted time a header may be, in seconds (Core's MAX_FUTURE_BLOCK_TIME). */
    public static final long MAX_FUTURE_BLOCK_TIME = 2 * 60 * 60;

    private final NetworkParams params;
    private final LongSupplier adjustedNowSeconds;

    /**
     * @param adjustedNowSeconds network-adjusted time in Unix seconds; injected so that consensus never
     *                           reads the system clock and tests can move time
     */
    public HeaderChainValidator(NetworkParams params, LongSupplier adjustedNowSeconds) {
        this.params = Objects.requireNonNull(params);
        this.adjustedNowSeconds = Objects.requireNonNull(adjustedNowSeconds);
    }

    public NetworkParams params() {
        return params;
    }

    /** All rules, in Core's order: {@link #checkContextFree} then {@link #checkInContext}. */
    public void check(BlockHeader header, HeaderAncestry parent) throws ValidationException {
        checkContextFree(header);
        checkInContext(header, parent);
    }

    /** Proof of work against the header's own bits: cheap, and first, so junk costs no lookups. */
    public void checkContextFree(BlockHeader header) throws ValidationException {
        ProofOfWork.checkProofOfWork(header.hash(), header.bits(), params.powLimit());
    }

    /**
     * The rules that need the parent's branch. Skipping {@link #checkContextFree} is what a miner does to
     * test a template before it has a nonce (Core's TestBlockValidity without the PoW check).
     */
    public void checkInContext(BlockHeader header, HeaderAncestry parent) throws ValidationException {
        int height = parent.height() + 1;
        Hash256 parentHash = parent.last().hash();
        if (!header.prevHash().equals(parentHash)) {
            throw new ValidationException(RejectReason.PREV_BLOCK_MISMATCH,
                    "height " + height + " links to " + header.prevHash() + ", not " + parentHash);
        }
        long required = Retarget.nextWorkRequired(params, parent);
        if (header.bits() != required) {
            throw new ValidationException(RejectReason.BAD_DIFFBITS,
                    String.format("height %d has bits 0x%08x, needs 0x%08x", height, header.bits(), required));
        }
        checkCheckpoint(header, height);
        long median = MedianTimePast.of(parent);
        if (header.time() <= median) {
            throw new ValidationException(RejectReason.TIME_TOO_OLD,
                    "height " + height + " time " + header.time() + " <= median time past " + median);
        }
        long limit = adjustedNowSeconds.getAsLong() + MAX_FUTURE_BLOCK_TIME;
        if (header.time() > limit) {
            throw new ValidationException(RejectReason.TIME_TOO_NEW,
                    "height " + height + " time " + header.time() + " > adjusted time + 2h = " + limit);
        }
        // Each of BIP34, BIP66 and BIP65 made the block versions below its own obsolete (Core's bad-version).
        SoftForks forks = params.softForks();
        int minVersion = height >= forks.bip65Height() ? 4 : height >= forks.bip66Height() ? 3
                : height >= forks.bip34Height() ? 2 : Integer.MIN_VALUE;
        if (header.version() < minVersion) {
            throw new ValidationException(RejectReason.BAD_VERSION,
                    String.format("height %d has version 0x%08x, below %d", height, header.version(), minVersion));
        }
    }

    /** A header at a checkpointed height must be the checkpointed block. */
    public void checkCheckpoint(BlockHeader header, int height) throws ValidationException {
        Hash256 expected = params.checkpoints().get(height);
        if (expected != null && !expected.equals(header.hash())) {
            throw new ValidationException(RejectReason.CHECKPOINT_MISMATCH,
                    "height " + height + " is " + header.hash() + ", checkpoint says " + expected);
        }
    }
}
