package org.nakamoto.chain.consensus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nakamoto.chain.model.BlockHeader;

/**
 * Validates consecutive headers one after another, each in the context of those before it, and sums
 * their work. The run starts either from a trusted checkpoint header (headers-first sync from a known
 * point, no history below it) or on top of any branch the caller already holds.
 *
 * <p>Test support, with {@link HeaderRunResult}, {@link HeaderRejection}, {@link ChainedHeader} and
 * {@link HeaderListAncestry}: the mainnet header tests run whole header files through it, while the node
 * checks headers one by one in the block index ({@code ChainState} with {@link HeaderChainValidator}).
 */
public final class HeaderRunValidator {
    private final HeaderChainValidator rules;

    public HeaderRunValidator(HeaderChainValidator rules) {
        this.rules = rules;
    }

    /**
     * Validates {@code run} on top of a trusted checkpoint. The checkpoint's ancestors are not available,
     * so it should be the first block of a retarget period (or the first retarget must fall outside the
     * run), and the median time of the first headers is taken over fewer than 11 blocks. The checkpoint
     * itself is trusted for its context, but its proof of work and any params checkpoint at its height are
     * still checked; a failure there is reported at its height with nothing accepted.
     *
     * @param checkpoint the trusted header, its height, and the chain work up to and including it
     */
    public HeaderRunResult fromCheckpoint(ChainedHeader checkpoint, List<BlockHeader> run) {
        try {
            rules.checkContextFree(checkpoint.header());
            rules.checkCheckpoint(checkpoint.header(), checkpoint.height());
        } catch (ValidationException e) {
            return new HeaderRunResult(checkpoint, List.of(),
                    Optional.of(new HeaderRejection(checkpoint.height(), checkpoint.header(), e)));
        }
        HeaderAncestry base = HeaderListAncestry.of(checkpoint.height(), List.of(checkpoint.header()));
        return extend(base, checkpoint.chainWork(), run);
    }

    /**
     * Validates {@code run} on top of {@code branch}, whose last header has cumulative work
     * {@code branchChainWork}. Stops at the first failure.
     */
    public HeaderRunResult extend(HeaderAncestry branch, BigInteger branchChainWork, List<BlockHeader> run) {
        ChainedHeader start = new ChainedHeader(branch.last(), branch.height(), branchChainWork);
        List<BlockHeader> headers = new ArrayList<>(run.size());
        List<ChainedHeader> accepted = new ArrayList<>(run.size());
        ChainedHeader tip = start;
        for (BlockHeader header : run) {
            HeaderAncestry parent = headers.isEmpty()
                    ? branch
                    : new HeaderListAncestry(branch, headers, branch.height() + 1, tip.height());
            try {
                rules.check(header, parent);
            } catch (ValidationException e) {
                return new HeaderRunResult(start, accepted, Optional.of(new HeaderRejection(tip.height() + 1, header, e)));
            }
            headers.add(header);
            tip = tip.next(header);
            accepted.add(tip);
        }
        return new HeaderRunResult(start, accepted, Optional.empty());
    }
}
