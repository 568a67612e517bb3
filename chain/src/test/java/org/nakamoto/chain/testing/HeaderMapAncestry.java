package org.nakamoto.chain.testing;

import java.util.Map;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/**
 * The ancestry of a tip among headers a test generator remembers by hash, for the retarget and
 * median-time rules. Walks parents on each lookup: fine for test chains. Reads the maps it is given, which
 * the caller must not change while using it.
 */
public final class HeaderMapAncestry implements HeaderAncestry {
    private final Map<Hash256, BlockHeader> headers;
    private final Hash256 tip;
    private final int tipHeight;

    public HeaderMapAncestry(Map<Hash256, BlockHeader> headers, Map<Hash256, Integer> heights, Hash256 tip) {
        this.headers = headers;
        this.tip = tip;
        this.tipHeight = heights.get(tip);
    }

    @Override
    public int height() {
        return tipHeight;
    }

    @Override
    public int earliestHeight() {
        return 0;
    }

    @Override
    public BlockHeader headerAt(int h) {
        BlockHeader x = headers.get(tip);
        for (int i = tipHeight; i > h; i--) {
            x = headers.get(x.prevHash());
        }
        return x;
    }
}
