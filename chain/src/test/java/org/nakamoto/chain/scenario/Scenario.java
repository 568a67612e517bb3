package org.nakamoto.chain.scenario;

import java.util.List;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.params.NetworkParams;

/** A named list of steps run in order on a fresh chain and mempool over their own LevelDB. */
record Scenario(String name, NetworkParams params, MempoolPolicy policy, List<Step> steps) {
    Scenario {
        steps = List.copyOf(steps);
    }

    Scenario(String name, NetworkParams params, List<Step> steps) {
        this(name, params, MempoolPolicy.DEFAULT, steps);
    }
}
