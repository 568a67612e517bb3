package org.nakamoto.chain.consensus;

import java.util.List;
import java.util.Optional;

/**
 * What validating a run of headers found: the start it built on, the headers accepted in order (a
 * valid prefix is kept, as Core keeps the headers before a bad one), and the first rejection, if any.
 */
public record HeaderRunResult(ChainedHeader start, List<ChainedHeader> accepted, Optional<HeaderRejection> rejection) {
    public HeaderRunResult {
        accepted = List.copyOf(accepted);
    }

    /** The last accepted header, or the start when none was. */
    public ChainedHeader tip() {
        return accepted.isEmpty() ? start : accepted.get(accepted.size() - 1);
    }

    public boolean isValid() {
        return rejection.isEmpty();
    }
}
