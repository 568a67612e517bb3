package org.nakamoto.node;

import java.time.Instant;
import java.util.Locale;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.chain.state.ChainView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One concise line per new tip, like Core's UpdateTip:
 * {@code new tip height=120 hash=0f9c.. log2_work=7.91 txs=1 time=2026-01-01T00:00:00Z}; while the node
 * is behind the best known header it adds {@code progress=0.85 headers=2100}, and then logs at most once a
 * second so that a sync does not flood the log. A ChainListener (runs where chain events are delivered);
 * reads the best header from chain state, never waiting on the network.
 */
final class TipLogger implements ChainListener {
    private static final Logger LOG = LoggerFactory.getLogger("tip");
    private static final long CATCH_UP_INTERVAL_MILLIS = 1_000;

    private final ChainView chain;
    // Event-delivery only (one delivering thread at a time).
    private int lastTxCount;
    private long lastLogMillis;

    TipLogger(ChainView chain) {
        this.chain = chain;
    }

    @Override
    public void blockConnected(Block block, BlockNode node) {
        lastTxCount = block.transactions().size();
    }

    @Override
    public void tipChanged(BlockNode tip, boolean reorganised) {
        int headers = Math.max(chain.bestHeader().height(), tip.height());
        boolean catchingUp = headers > tip.height();
        long now = System.currentTimeMillis();
        if (catchingUp && !reorganised && now - lastLogMillis < CATCH_UP_INTERVAL_MILLIS) {
            return;
        }
        lastLogMillis = now;
        LOG.info(line(tip, lastTxCount, headers, reorganised));
    }

    static String line(BlockNode tip, int txs, int headers, boolean reorganised) {
        StringBuilder sb = new StringBuilder("new tip height=").append(tip.height())
                .append(" hash=").append(tip.hash())
                .append(" log2_work=").append(String.format(Locale.ROOT, "%.6f", log2(tip.chainWork())))
                .append(" txs=").append(txs)
                .append(" time=").append(Instant.ofEpochSecond(tip.header().time()));
        if (headers > tip.height()) {
            sb.append(String.format(Locale.ROOT, " progress=%.4f headers=%d", (double) tip.height() / headers, headers));
        }
        if (reorganised) {
            sb.append(" reorganised");
        }
        return sb.toString();
    }

    static double log2(java.math.BigInteger v) {
        int shift = Math.max(0, v.bitLength() - 60);
        return Math.log(v.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
    }
}
