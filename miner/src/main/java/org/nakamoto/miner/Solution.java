package org.nakamoto.miner;

import org.nakamoto.chain.model.BlockHeader;

/**
 * A header whose double SHA-256 meets its job's target. The header may be a rolled one; the template builder
 * recognises its own coinbase by the merkle root it put in the header.
 */
public final class Solution {
    private final MiningJob job;
    private final byte[] header;
    private final int worker;

    Solution(MiningJob job, byte[] header, int worker) {
        this.job = job;
        this.header = header.clone();
        this.worker = worker;
    }

    public MiningJob job() {
        return job;
    }

    /** A copy of the solved 80-byte header, nonce included. */
    public byte[] header() {
        return header.clone();
    }

    public long nonce() {
        return (header[76] & 0xffL) | (header[77] & 0xffL) << 8 | (header[78] & 0xffL) << 16
                | (header[79] & 0xffL) << 24;
    }

    /** Index of the worker that found it. */
    public int worker() {
        return worker;
    }

    /** Parsed (and hashed) for the chain's validation path. */
    public BlockHeader blockHeader() {
        return BlockHeader.parse(header);
    }
}
