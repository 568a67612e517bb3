package org.nakamoto.chain.consensus;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.SoftForks;
import org.nakamoto.chain.params.TieBreak;

/**
 * Network params built in code, so these tests do not depend on the JSON loader. The numbers that
 * matter here (powLimit, spacing, interval, timespan) are mainnet's; the genesis is mainnet's header
 * without transactions, which no test here reads.
 */
final class TestParams {
    static final BigInteger MAINNET_POW_LIMIT =
            new BigInteger("00000000ffff0000000000000000000000000000000000000000000000000000", 16);
    /** Regtest's powLimit: almost any hash meets it, so tests can mine headers in a couple of tries. */
    static final BigInteger REGTEST_POW_LIMIT =
            new BigInteger("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);
    static final BlockHeader MAINNET_GENESIS_HEADER = new BlockHeader(1, Hash256.ZERO,
            Hash256.fromHex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"),
            1231006505L, 0x1d00ffffL, 2083236893L);

    private TestParams() {
    }

    static NetworkParams mainnetLike() {
        return mainnetLike(MAINNET_POW_LIMIT, true, Map.of());
    }

    /** Mainnet with a regtest powLimit: real headers keep their real retargets, but easy bits pass the cap. */
    static NetworkParams mainnetWithEasyPowLimit() {
        return mainnetLike(REGTEST_POW_LIMIT, true, Map.of());
    }

    static NetworkParams mainnetWithCheckpoints(Map<Integer, Hash256> checkpoints) {
        return mainnetLike(MAINNET_POW_LIMIT, true, checkpoints);
    }

    /** Regtest style: easiest powLimit, no retargeting. */
    static NetworkParams regtestLike() {
        return mainnetLike(REGTEST_POW_LIMIT, false, Map.of());
    }

    static NetworkParams mainnetLike(BigInteger powLimit, boolean retargeting, Map<Integer, Hash256> checkpoints) {
        return new NetworkParams("mainnet-test", 0xf9beb4d9, 8333, 8332, 0, 5, "bc", 128, 0x0488ade4, 0x0488b21e, 0,
                new Block(MAINNET_GENESIS_HEADER, List.of()),
                powLimit, 600, 2016, 1_209_600, retargeting,
                5_000_000_000L, 210_000, 100, 1_000_000,
                new SoftForks(227_931, null, 388_381, 363_725, 419_328, 481_824, 709_632, Map.of(), Map.of()),
                TieBreak.FIRST_SEEN, new TreeMap<>(checkpoints), List.of(), BigInteger.ZERO);
    }
}
