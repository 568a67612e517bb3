package org.nakamoto.node.mining;

import java.util.List;
import org.nakamoto.chain.mempool.MempoolEntry;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.state.BlockNode;

/**
 * A block ready for the nonce search: header with nonce 0, coinbase first, then the chosen mempool
 * entries in an order where parents come before children. Immutable.
 *
 * @param parent   the tip it builds on
 * @param entries  the mempool entries included (for getblocktemplate's fee and depends fields)
 * @param fees     sum of the included fees, in satoshis
 */
public record BlockTemplate(Block block, BlockNode parent, List<MempoolEntry> entries, long fees, long coinbaseValue) {
    public BlockTemplate {
        entries = List.copyOf(entries);
    }

    public int height() {
        return parent.height() + 1;
    }
}
