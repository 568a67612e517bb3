package org.nakamoto.miner;

import java.util.Objects;

/** One unit of mining work, immutable: a header to search, the target to meet, and how to get more headers. */
public final class MiningJob {
    private final byte[] header;
    private final Target target;
    private final JobRoller roller;

    /** @param header the 80-byte serialized header (copied); its nonce bytes are ignored */
    public MiningJob(byte[] header, Target target, JobRoller roller) {
        NonceKernel.checkHeader(header);
        this.header = header.clone();
        this.target = Objects.requireNonNull(target, "target");
        this.roller = Objects.requireNonNull(roller, "roller");
    }

    /** A copy of the first header. */
    public byte[] header() {
        return header.clone();
    }

    public Target target() {
        return target;
    }

    public JobRoller roller() {
        return roller;
    }
}
