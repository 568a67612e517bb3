package org.nakamoto.chain.consensus;

import org.nakamoto.chain.model.BlockHeader;

/** The first header of a run that failed, where it would have stood, and why. */
public record HeaderRejection(int height, BlockHeader header, ValidationException error) {
    public RejectReason reason() {
        return error.reason();
    }
}
