package org.nakamoto.chain.params;

import java.math.BigInteger;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;

/**
 * Everything that distinguishes one network from another, loaded once from a JSON file by
 * {@link ParamsLoader} and passed through constructors: there is no global or thread-local network.
 *
 * @param name                 short name, e.g. "testnet", "mainnet", "regtest"
 * @param magic                the four message-start bytes as a big-endian int (mainnet 0xf9beb4d9)
 * @param defaultPort          default P2P port
 * @param rpcPort              default JSON-RPC port
 * @param pubKeyHashVersion    Base58Check version byte of pay-to-pubkey-hash addresses
 * @param scriptHashVersion    Base58Check version byte of pay-to-script-hash addresses
 * @param bech32Hrp            human-readable part of segwit (bech32, BIP173) addresses: "bc", "bcrt", ...
 * @param wifVersion           Base58Check version byte of WIF private keys
 * @param bip32PrivateVersion  version bytes of serialized extended private keys
 * @param bip32PublicVersion   version bytes of serialized extended public keys
 * @param bip44CoinType        coin type in BIP44 paths
 * @param genesis              the genesis block, whose hash was checked at load
 * @param powLimit             the easiest target allowed
 * @param targetSpacingSeconds intended time between blocks
 * @param retargetInterval     blocks between difficulty retargets (2016)
 * @param targetTimespanSeconds intended time for one retarget interval
 * @param retargeting          false turns retargeting off (regtest style: bits stay as they are)
 * @param initialSubsidy       block subsidy in satoshis before the first halving
 * @param halvingInterval      blocks between subsidy halvings
 * @param coinbaseMaturity     confirmations before a coinbase output may be spent
 * @param maxBlockSize         largest block without its witnesses, in bytes (Bitcoin's 1,000,000); since
 *                             segwit the limit is {@link #maxBlockWeight()}, four times this, which
 *                             implies the same bound on the stripped size
 * @param softForks            when each soft fork's rules apply ({@link SoftForks})
 * @param tieBreak             fork choice between tips of equal work ({@link TieBreak})
 * @param checkpoints          height to block hash; a block that conflicts is rejected
 * @param seeds                peers to dial at start ("host:port"); shipped files carry none but loopback
 * @param minimumChainWork     Core's nMinimumChainWork: headers are stored only on a chain that can reach
 *                             this much work (0 on regtest and the local testnet)
 */
public record NetworkParams(
        String name,
        int magic,
        int defaultPort,
        int rpcPort,
        int pubKeyHashVersion,
        int scriptHashVersion,
        String bech32Hrp,
        int wifVersion,
        int bip32PrivateVersion,
        int bip32PublicVersion,
        int bip44CoinType,
        Block genesis,
        BigInteger powLimit,
        long targetSpacingSeconds,
        int retargetInterval,
        long targetTimespanSeconds,
        boolean retargeting,
        long initialSubsidy,
        int halvingInterval,
        int coinbaseMaturity,
        int maxBlockSize,
        SoftForks softForks,
        TieBreak tieBreak,
        NavigableMap<Integer, Hash256> checkpoints,
        List<String> seeds,
        BigInteger minimumChainWork) {

    public NetworkParams {
        java.util.Objects.requireNonNull(softForks, "softForks");
        java.util.Objects.requireNonNull(tieBreak, "tieBreak");
        java.util.Objects.requireNonNull(bech32Hrp, "bech32Hrp");
        checkpoints = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(checkpoints));
        seeds = List.copyOf(seeds);
        minimumChainWork = minimumChainWork == null ? BigInteger.ZERO : minimumChainWork;
    }

    /** The height from which a coinbase must start with a push of the block height (BIP34). */
    public int bip34Height() {
        return softForks.bip34Height();
    }

    /** BIP141's block weight limit: {@code maxBlockSize} times the witness scale factor (4,000,000 on Bitcoin). */
    public long maxBlockWeight() {
        return 4L * maxBlockSize;
    }

    /** BIP141's MAX_BLOCK_SIGOPS_COST: one sigop cost unit per 50 weight units (80,000 on Bitcoin). */
    public int maxBlockSigOpsCost() {
        return (int) (maxBlockWeight() / 50);
    }

    public Hash256 genesisHash() {
        return genesis.hash();
    }

    /** The block subsidy at a height: the initial subsidy halved once per interval, zero after 64 halvings. */
    public long subsidyAt(int height) {
        int halvings = height / halvingInterval;
        return halvings >= 64 ? 0 : initialSubsidy >> halvings;
    }

    /** The four message-start bytes in wire order. */
    public byte[] magicBytes() {
        return new byte[] {(byte) (magic >>> 24), (byte) (magic >>> 16), (byte) (magic >>> 8), (byte) magic};
    }

    /**
     * A builder that starts from these parameters, for variants that differ in a few fields, e.g.
     * {@code params.toBuilder().coinbaseMaturity(10).build()}. The result goes through the same constructor,
     * so it is as immutable as these.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some fields of existing parameters; every other field keeps its value. Not thread-safe. */
    public static final class Builder {
        private String name;
        private int magic;
        private int defaultPort;
        private int rpcPort;
        private int pubKeyHashVersion;
        private int scriptHashVersion;
        private String bech32Hrp;
        private int wifVersion;
        private int bip32PrivateVersion;
        private int bip32PublicVersion;
        private int bip44CoinType;
        private Block genesis;
        private BigInteger powLimit;
        private long targetSpacingSeconds;
        private int retargetInterval;
        private long targetTimespanSeconds;
        private boolean retargeting;
        private long initialSubsidy;
        private int halvingInterval;
        private int coinbaseMaturity;
        private int maxBlockSize;
        private SoftForks softForks;
        private TieBreak tieBreak;
        private NavigableMap<Integer, Hash256> checkpoints;
        private List<String> seeds;
        private BigInteger minimumChainWork = BigInteger.ZERO;

        private Builder(NetworkParams p) {
            name = p.name;
            magic = p.magic;
            defaultPort = p.defaultPort;
            rpcPort = p.rpcPort;
            pubKeyHashVersion = p.pubKeyHashVersion;
            scriptHashVersion = p.scriptHashVersion;
            bech32Hrp = p.bech32Hrp;
            wifVersion = p.wifVersion;
            bip32PrivateVersion = p.bip32PrivateVersion;
            bip32PublicVersion = p.bip32PublicVersion;
            bip44CoinType = p.bip44CoinType;
            genesis = p.genesis;
            powLimit = p.powLimit;
            targetSpacingSeconds = p.targetSpacingSeconds;
            retargetInterval = p.retargetInterval;
            targetTimespanSeconds = p.targetTimespanSeconds;
            retargeting = p.retargeting;
            initialSubsidy = p.initialSubsidy;
            halvingInterval = p.halvingInterval;
            coinbaseMaturity = p.coinbaseMaturity;
            maxBlockSize = p.maxBlockSize;
            softForks = p.softForks;
            tieBreak = p.tieBreak;
            checkpoints = p.checkpoints;
            seeds = p.seeds;
            minimumChainWork = p.minimumChainWork;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder magic(int magic) {
            this.magic = magic;
            return this;
        }

        public Builder defaultPort(int defaultPort) {
            this.defaultPort = defaultPort;
            return this;
        }

        public Builder rpcPort(int rpcPort) {
            this.rpcPort = rpcPort;
            return this;
        }

        public Builder pubKeyHashVersion(int pubKeyHashVersion) {
            this.pubKeyHashVersion = pubKeyHashVersion;
            return this;
        }

        public Builder scriptHashVersion(int scriptHashVersion) {
            this.scriptHashVersion = scriptHashVersion;
            return this;
        }

        public Builder bech32Hrp(String bech32Hrp) {
            this.bech32Hrp = bech32Hrp;
            return this;
        }

        public Builder wifVersion(int wifVersion) {
            this.wifVersion = wifVersion;
            return this;
        }

        public Builder bip32PrivateVersion(int bip32PrivateVersion) {
            this.bip32PrivateVersion = bip32PrivateVersion;
            return this;
        }

        public Builder bip32PublicVersion(int bip32PublicVersion) {
            this.bip32PublicVersion = bip32PublicVersion;
            return this;
        }

        public Builder bip44CoinType(int bip44CoinType) {
            this.bip44CoinType = bip44CoinType;
            return this;
        }

        public Builder genesis(Block genesis) {
            this.genesis = genesis;
            return this;
        }

        public Builder powLimit(BigInteger powLimit) {
            this.powLimit = powLimit;
            return this;
        }

        public Builder targetSpacingSeconds(long targetSpacingSeconds) {
            this.targetSpacingSeconds = targetSpacingSeconds;
            return this;
        }

        public Builder retargetInterval(int retargetInterval) {
            this.retargetInterval = retargetInterval;
            return this;
        }

        public Builder targetTimespanSeconds(long targetTimespanSeconds) {
            this.targetTimespanSeconds = targetTimespanSeconds;
            return this;
        }

        public Builder retargeting(boolean retargeting) {
            this.retargeting = retargeting;
            return this;
        }

        public Builder initialSubsidy(long initialSubsidy) {
            this.initialSubsidy = initialSubsidy;
            return this;
        }

        public Builder halvingInterval(int halvingInterval) {
            this.halvingInterval = halvingInterval;
            return this;
        }

        public Builder coinbaseMaturity(int coinbaseMaturity) {
            this.coinbaseMaturity = coinbaseMaturity;
            return this;
        }

        public Builder maxBlockSize(int maxBlockSize) {
            this.maxBlockSize = maxBlockSize;
            return this;
        }

        /** Moves BIP34 only; the other deployments keep their heights. */
        public Builder bip34Height(int bip34Height) {
            this.softForks = softForks.withBip34Height(bip34Height);
            return this;
        }

        public Builder softForks(SoftForks softForks) {
            this.softForks = softForks;
            return this;
        }

        public Builder tieBreak(TieBreak tieBreak) {
            this.tieBreak = tieBreak;
            return this;
        }

        public Builder checkpoints(NavigableMap<Integer, Hash256> checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        public Builder seeds(List<String> seeds) {
            this.seeds = seeds;
            return this;
        }

        public Builder minimumChainWork(BigInteger work) {
            this.minimumChainWork = work;
            return this;
        }

        public NetworkParams build() {
            return new NetworkParams(name, magic, defaultPort, rpcPort, pubKeyHashVersion, scriptHashVersion, bech32Hrp,
                    wifVersion, bip32PrivateVersion, bip32PublicVersion, bip44CoinType, genesis, powLimit,
                    targetSpacingSeconds, retargetInterval, targetTimespanSeconds, retargeting, initialSubsidy,
                    halvingInterval, coinbaseMaturity, maxBlockSize, softForks, tieBreak, checkpoints, seeds,
                    minimumChainWork);
        }
    }
}
