package org.nakamoto.miner;

import java.util.List;
import org.nakamoto.chain.mempool.MempoolView;
import org.nakamoto.chain.mempool.MempoolEntry;

/** What block templates need of the mempool, and no more. */
public interface TxSource {
    /** Candidate transactions, every parent before its children. */
    List<MempoolEntry> entries();

    /** Changes whenever the candidates do. */
    long changeCount();

    static TxSource of(MempoolView mempool) {
        return new TxSource() {
            @Override
            public List<MempoolEntry> entries() {
                return mempool.entries();
            }

            @Override
            public long changeCount() {
                return mempool.changeCount();
            }
        };
    }

    TxSource EMPTY = new TxSource() {
        @Override
        public List<MempoolEntry> entries() {
            return List.of();
        }

        @Override
        public long changeCount() {
            return 0;
        }
    };
}
