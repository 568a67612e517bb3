package org.nakamoto.chain.testing;

import java.util.List;
import java.util.TreeMap;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;

/** Parameter variants for tests, derived from the shipped regtest file. */
public final class TestNetworks {
    private TestNetworks() {
    }

    public static NetworkParams regtest() {
        return ParamsLoader.builtIn("regtest");
    }

    /**
     * Regtest with retargeting on every {@code interval} blocks, so branches can differ in work per
     * block: a period mined fast makes the next period's blocks harder.
     */
    public static NetworkParams retargeting(int interval, long spacingSeconds) {
        NetworkParams r = regtest();
        return new NetworkParams(r.name(), r.magic(), r.defaultPort(), r.rpcPort(), r.pubKeyHashVersion(),
                r.scriptHashVersion(), r.wifVersion(), r.bip32PrivateVersion(), r.bip32PublicVersion(),
                r.bip44CoinType(), r.genesis(), r.powLimit(), spacingSeconds, interval, interval * spacingSeconds,
                true, r.initialSubsidy(), 150, r.coinbaseMaturity(), r.maxBlockSize(), r.bip34Height(),
                new TreeMap<>(), List.of());
    }

    /** Regtest with a different coinbase maturity (to make spending tests short). */
    public static NetworkParams withMaturity(NetworkParams r, int maturity) {
        return new NetworkParams(r.name(), r.magic(), r.defaultPort(), r.rpcPort(), r.pubKeyHashVersion(),
                r.scriptHashVersion(), r.wifVersion(), r.bip32PrivateVersion(), r.bip32PublicVersion(),
                r.bip44CoinType(), r.genesis(), r.powLimit(), r.targetSpacingSeconds(), r.retargetInterval(),
                r.targetTimespanSeconds(), r.retargeting(), r.initialSubsidy(), r.halvingInterval(), maturity,
                r.maxBlockSize(), r.bip34Height(), r.checkpoints(), r.seeds());
    }

}
