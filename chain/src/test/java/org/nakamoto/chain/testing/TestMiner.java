package org.nakamoto.chain.testing;

import java.math.BigInteger;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.model.BlockHeader;

/** Finds a nonce for easy bits, so tests can make headers whose only fault is the one they test. */
public final class TestMiner {
    private TestMiner() {
    }

    public static BlockHeader mine(BlockHeader template) {
        BigInteger target = CompactTarget.decode(template.bits()).value();
        for (long nonce = 0; nonce <= 0xffffffffL; nonce++) {
            BlockHeader h = template.withNonce(nonce);
            if (h.hash().toBigInteger().compareTo(target) <= 0) {
                return h;
            }
        }
        throw new IllegalStateException("no nonce meets bits " + Long.toHexString(template.bits()));
    }
}
