package org.nakamoto.miner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/**
 * Hands out a fresh header per extra-nonce for one template, and turns a solved header back into its
 * block. Thread-safe: extra-nonces come from an atomic counter, so no two headers repeat, and the
 * merkle root to extra-nonce map is concurrent.
 */
public final class TemplateRoller implements JobRoller {
    private final BlockTemplate template;
    private final AtomicLong nextExtraNonce;
    private final Map<Hash256, Long> extraNonceByRoot = new ConcurrentHashMap<>();

    /** @param firstExtraNonce distinct per template start, so restarts on the same tip do not redo work */
    public TemplateRoller(BlockTemplate template, long firstExtraNonce) {
        this.template = template;
        this.nextExtraNonce = new AtomicLong(firstExtraNonce);
    }

    public BlockTemplate template() {
        return template;
    }

    /** The first job's header. */
    public byte[] firstHeader() {
        return next();
    }

    @Override
    public byte[] roll(byte[] exhausted) {
        return next();
    }

    private byte[] next() {
        long extraNonce = nextExtraNonce.getAndIncrement();
        BlockHeader h = template.header(extraNonce);
        extraNonceByRoot.put(h.merkleRoot(), extraNonce);
        return h.serialize();
    }

    /** The full block for a solved header of this template, or null if the header is not one of ours. */
    public Block blockFor(BlockHeader solved) {
        Long extraNonce = extraNonceByRoot.get(solved.merkleRoot());
        if (extraNonce == null || !solved.prevHash().equals(template.prevHash())) {
            return null;
        }
        Block b = template.block(extraNonce, solved.nonce());
        return b.hash().equals(solved.hash()) ? b : null;
    }
}
