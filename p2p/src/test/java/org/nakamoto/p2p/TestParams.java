package org.nakamoto.p2p;

import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;

/** Regtest variants for network tests (chain's own test helpers are not visible from this module). */
final class TestParams {
    private TestParams() {
    }

    static NetworkParams regtest() {
        return ParamsLoader.builtIn("regtest");
    }

    /** Regtest whose coinbases mature after {@code maturity} blocks, so spends need no long chain. */
    static NetworkParams regtestWithMaturity(int maturity) {
        NetworkParams r = regtest();
        return new NetworkParams(r.name(), r.magic(), r.defaultPort(), r.rpcPort(), r.pubKeyHashVersion(),
                r.scriptHashVersion(), r.wifVersion(), r.bip32PrivateVersion(), r.bip32PublicVersion(),
                r.bip44CoinType(), r.genesis(), r.powLimit(), r.targetSpacingSeconds(), r.retargetInterval(),
                r.targetTimespanSeconds(), r.retargeting(), r.initialSubsidy(), r.halvingInterval(), maturity,
                r.maxBlockSize(), r.bip34Height(), r.checkpoints(), r.seeds());
    }
}
