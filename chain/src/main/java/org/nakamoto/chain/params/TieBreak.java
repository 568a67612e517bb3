package org.nakamoto.chain.params;

/**
 * How fork choice orders two valid chain tips with equal work: the parameters file's {@code "tieBreak"}.
 */
public enum TieBreak {
    /**
     * The tip whose block data arrived first stays (Bitcoin Core's {@code nSequenceId}); on restart the
     * stored tip's chain comes first. Bitcoin's networks use it: it is what every Bitcoin node does, and
     * it gives no miner a reason to withhold or grind blocks for a tie.
     */
    FIRST_SEEN("first-seen"),
    /**
     * The lower block hash wins: a strict total order, so any two nodes holding the same blocks pick the
     * same tip whatever order they saw them in. The local testnet uses it, where fast blocks make ties common
     * and quick convergence matters more than matching Bitcoin.
     */
    LOWEST_HASH("lowest-hash");

    private final String jsonName;

    TieBreak(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling in parameters files. */
    public String jsonName() {
        return jsonName;
    }

    /** @throws IllegalArgumentException for a spelling that names no rule */
    public static TieBreak fromJson(String name) {
        for (TieBreak t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tie-break rule '" + name + "' (expected first-seen or lowest-hash)");
    }
}
