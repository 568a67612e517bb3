package org.nakamoto.chain.testing;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.params.TieBreak;

/** Parameter variants for tests, derived from the shipped regtest file. */
public final class TestNetworks {
    private TestNetworks() {
    }

    public static NetworkParams regtest() {
        return ParamsLoader.builtIn("regtest");
    }

    /**
     * Regtest with retargeting on every {@code interval} blocks, so branches can differ in work per
     * block: a period mined fast makes the next period's blocks harder. The powLimit is the easiest
     * that keeps the retarget's 256-bit arithmetic from overflowing (as the params loader demands), and
     * the genesis is re-mined to it.
     */
    public static NetworkParams retargeting(int interval, long spacingSeconds) {
        NetworkParams r = regtest();
        long timespan = interval * spacingSeconds;
        int k = 256 - BigInteger.valueOf(4 * timespan).bitLength();
        BigInteger powLimit = BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE);
        BlockHeader g = r.genesis().header().withBits(CompactTarget.encode(powLimit));
        Block genesis = new Block(TestMiner.mine(g), r.genesis().transactions());
        return r.toBuilder()
                .genesis(genesis)
                .powLimit(powLimit)
                .targetSpacingSeconds(spacingSeconds)
                .retargetInterval(interval)
                .targetTimespanSeconds(timespan)
                .retargeting(true)
                .halvingInterval(150)
                .checkpoints(new TreeMap<>())
                .seeds(List.of())
                .build();
    }

    /** The shipped local testnet (genesis.json): every soft fork from genesis, lowest-hash tie-break. */
    public static NetworkParams localTestnet() {
        return ParamsLoader.builtIn("testnet");
    }

    /**
     * {@code r} with the local testnet's tie-break rule: for tests that need every node holding the same
     * blocks to end on the same tip whatever order the blocks came in (Bitcoin's first-seen rule does not).
     */
    public static NetworkParams lowestHash(NetworkParams r) {
        return r.toBuilder().tieBreak(TieBreak.LOWEST_HASH).build();
    }

    /** Regtest with a different coinbase maturity (to make spending tests short). */
    public static NetworkParams withMaturity(NetworkParams r, int maturity) {
        return r.toBuilder().coinbaseMaturity(maturity).build();
    }
}
