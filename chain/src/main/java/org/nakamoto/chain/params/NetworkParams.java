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
 * @param maxBlockSize         largest serialized block, in bytes
 * @param bip34Height          height from which the coinbase must start with a push of the block height
 * @param checkpoints          height to block hash; a block that conflicts is rejected
 * @param seeds                peers to dial at start ("host:port"); shipped files carry none but loopback
 */
public record NetworkParams(
        String name,
        int magic,
        int defaultPort,
        int rpcPort,
        int pubKeyHashVersion,
        int scriptHashVersion,
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
        int bip34Height,
        NavigableMap<Integer, Hash256> checkpoints,
        List<String> seeds) {

    public NetworkParams {
        checkpoints = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(checkpoints));
        seeds = List.copyOf(seeds);
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
}
