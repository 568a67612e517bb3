package org.nakamoto.chain.scenario;

import java.util.List;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.params.NetworkParams;

/**
 * A named list of steps run in order on a fresh chain and mempool over their own LevelDB. Without a
 * policy the mempool accepts non-standard transactions (Core's {@code -acceptnonstdtxn=1}, as its
 * functional tests run where standardness is not the point): the rows pay to and spend bare OP_TRUE
 * outputs. Scenarios about standardness pass {@link MempoolPolicy#DEFAULT}, which requires it.
 */
record Scenario(String name, NetworkParams params, MempoolPolicy policy, List<Step> steps) {
    Scenario {
        steps = List.copyOf(steps);
    }

    Scenario(String name, NetworkParams params, List<Step> steps) {
        this(name, params, MempoolPolicy.DEFAULT.acceptNonStandard(), steps);
    }
}
