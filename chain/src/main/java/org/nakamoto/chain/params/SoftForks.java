package org.nakamoto.chain.params;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.script.ScriptFlag;

/**
 * When each soft fork's rules apply on a network, as data (Bitcoin Core's buried deployments in
 * {@code Consensus::Params}). A height is the first block the rule applies to; 0 means from genesis.
 * Pay-to-script-hash (BIP16) has no height: as Core does today, it applies to every block but the ones
 * {@link #scriptFlagExceptions} lists, which is simpler and equivalent on every chain that exists.
 *
 * @param bip34Height          BIP34, the coinbase starts with the block height; also blocks of version 1 are refused
 * @param bip34Hash            the block at {@code bip34Height} on this network's known chain, or null: on that
 *                             chain BIP34 makes BIP30's lookups redundant until {@link #BIP34_IMPLIES_BIP30_LIMIT}
 * @param bip65Height          BIP65 OP_CHECKLOCKTIMEVERIFY; blocks below version 4 are refused
 * @param bip66Height          BIP66 strict DER signatures; blocks below version 3 are refused
 * @param csvHeight            BIP68 relative lock-times, BIP112 OP_CHECKSEQUENCEVERIFY, BIP113 median-time-past lock-times
 * @param segwitHeight         BIP141/143/147 segregated witness: from it blocks may carry witnesses (with the
 *                             coinbase commitment) and NULLDUMMY is consensus; witness programs are checked
 *                             in every block, as Core's script flags do
 * @param taprootHeight        BIP341/342 taproot: witness v1 programs are taproot outputs in blocks from this height
 *                             (Core applies TAPROOT to every block; see {@code BlockScriptFlags} for why the same)
 * @param bip30Exceptions      height to hash of the blocks that overwrote an unspent coinbase before BIP30
 *                             (Bitcoin mainnet 91,842 and 91,880): only those blocks skip the BIP30 check
 * @param scriptFlagExceptions blocks verified with these flags instead of the default P2SH, WITNESS and TAPROOT
 *                             (Core's {@code script_flag_exceptions}: mainnet's BIP16 and taproot exceptions)
 */
public record SoftForks(
        int bip34Height,
        Hash256 bip34Hash,
        int bip65Height,
        int bip66Height,
        int csvHeight,
        int segwitHeight,
        int taprootHeight,
        Map<Integer, Hash256> bip30Exceptions,
        Map<Hash256, Set<ScriptFlag>> scriptFlagExceptions) {

    /**
     * Core's BIP34_IMPLIES_BIP30_LIMIT: the first height at which a coinbase written before BIP34 (whose
     * script happened to start with a larger height) could be repeated, so BIP30 is checked again from here.
     */
    public static final int BIP34_IMPLIES_BIP30_LIMIT = 1_983_702;

    /** Every rule from the first block on: the local testnet's choice. */
    public static final SoftForks FROM_GENESIS = new SoftForks(1, null, 1, 1, 1, 0, 0, Map.of(), Map.of());

    public SoftForks {
        bip30Exceptions = Collections.unmodifiableMap(new TreeMap<>(bip30Exceptions));
        TreeMap<Hash256, Set<ScriptFlag>> copy = new TreeMap<>();
        scriptFlagExceptions.forEach((hash, flags) -> copy.put(hash,
                Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(flags))));
        scriptFlagExceptions = Collections.unmodifiableMap(copy);
        for (int h : new int[] {bip34Height, bip65Height, bip66Height, csvHeight, segwitHeight, taprootHeight}) {
            if (h < 0) {
                throw new IllegalArgumentException("negative activation height " + h);
            }
        }
    }

    /** The same deployments with another BIP34 height (and no BIP34 hash, which belonged to the old one). */
    public SoftForks withBip34Height(int height) {
        return new SoftForks(height, null, bip65Height, bip66Height, csvHeight, segwitHeight, taprootHeight,
                bip30Exceptions, scriptFlagExceptions);
    }

    /** The same deployments with the script-flag soft forks (BIP65, BIP66, CSV, segwit) at other heights. */
    public SoftForks withHeights(int bip65, int bip66, int csv, int segwit) {
        return new SoftForks(bip34Height, bip34Hash, bip65, bip66, csv, segwit, taprootHeight,
                bip30Exceptions, scriptFlagExceptions);
    }

    /** The same deployments with taproot at another height. */
    public SoftForks withTaprootHeight(int height) {
        return new SoftForks(bip34Height, bip34Hash, bip65Height, bip66Height, csvHeight, segwitHeight, height,
                bip30Exceptions, scriptFlagExceptions);
    }

    /** The same deployments with other BIP30 exception blocks. */
    public SoftForks withBip30Exceptions(Map<Integer, Hash256> exceptions) {
        return new SoftForks(bip34Height, bip34Hash, bip65Height, bip66Height, csvHeight, segwitHeight,
                taprootHeight, exceptions, scriptFlagExceptions);
    }

    /** Core's DeploymentActiveAt for a buried deployment: whether a block at {@code height} follows it. */
    public static boolean active(int activationHeight, int height) {
        return height >= activationHeight;
    }
}
