package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.state.ActiveChain;
import org.nakamoto.chain.state.BlockNode;

/**
 * Bitcoin Core's block locator (CChain::GetLocator): the newest ten blocks one by one, then exponentially
 * spaced further back, always ending with genesis. At most about 10 + log2(height) hashes, so a peer on
 * any fork finds the last block we share in one round trip.
 */
final class BlockLocator {
    private BlockLocator() {
    }

    /** The locator for the branch ending at {@code tip}, walking parent links. */
    static List<Hash256> of(BlockNode tip) {
        List<Integer> heights = heights(tip.height());
        List<Hash256> out = new ArrayList<>(heights.size());
        BlockNode n = tip;
        for (int h : heights) {
            n = n.ancestor(h); // heights only decrease, so each walk continues from the last
            out.add(n.hash());
        }
        return out;
    }

    /** The same for the active chain, using its array instead of walking. */
    static List<Hash256> of(ActiveChain chain) {
        List<Hash256> out = new ArrayList<>();
        for (int h : heights(chain.height())) {
            out.add(chain.at(h).hash());
        }
        return out;
    }

    /** Heights of a locator from {@code top}: top, top-1, ..., 10 of them, then steps doubling, then 0. */
    static List<Integer> heights(int top) {
        List<Integer> out = new ArrayList<>();
        int step = 1;
        int h = top;
        while (h > 0) {
            out.add(h);
            if (out.size() >= 10) {
                step *= 2;
            }
            h -= step;
        }
        out.add(0);
        return out;
    }
}
