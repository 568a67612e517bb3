package org.nakamoto.node.rpc;

import java.util.Locale;

/**
 * The groups {@code help} lists methods under, Core's categories. HIDDEN methods are callable and have
 * help, but are left out of the full list (Core's "hidden" category: test-only and debugging calls).
 */
public enum RpcCategory {
    BLOCKCHAIN, CONTROL, GENERATING, MINING, NETWORK, RAWTRANSACTIONS, UTIL, WALLET, HIDDEN;

    /** The lower-case name Core uses ("blockchain"); {@code help} sorts and capitalises this. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
