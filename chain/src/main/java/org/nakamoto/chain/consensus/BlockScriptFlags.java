package org.nakamoto.chain.consensus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.SoftForks;
import org.nakamoto.chain.script.ScriptFlag;

/**
 * The script flags a block's inputs are verified under (Bitcoin Core's {@code GetBlockScriptFlags}):
 * P2SH and WITNESS for every block, with TAPROOT from the taproot height, or the flags a
 * {@code scriptFlagExceptions} entry names for that block's hash; then DERSIG from BIP66,
 * CHECKLOCKTIMEVERIFY from BIP65, CHECKSEQUENCEVERIFY from CSV and NULLDUMMY from segwit, each from its
 * height on.
 *
 * <p>WITNESS is in the set for every block because Core puts it there: blocks before the segwit height
 * cannot carry witnesses ({@link WitnessCommitment}), and no spend of a witness-program-shaped output
 * exists before it on Bitcoin. Core puts TAPROOT there too, for every block (since 23.0, with mainnet's
 * one violating block, 692,261, as an exception); here it follows the network's taproot height
 * (709,632 on mainnet, 0 on regtest), as the soft fork was deployed. On mainnet's chain both give the
 * same verdicts, since no block before the height but the exception spends a v1 program in a way
 * taproot forbids; the height lets a test chain exercise a spend before and after activation.
 *
 * <p>The sets are built once per combination and shared, so deriving a block's flags costs a few
 * comparisons and no allocation. Stateless and thread-safe.
 */
public final class BlockScriptFlags {
    private static final Set<ScriptFlag> DEFAULT = Collections.unmodifiableSet(
            EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS));
    private static final Set<ScriptFlag> DEFAULT_WITH_TAPROOT = Collections.unmodifiableSet(
            EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT));
    /** Indexed by a 4-bit mask: DERSIG 1, CHECKLOCKTIMEVERIFY 2, CHECKSEQUENCEVERIFY 4, NULLDUMMY 8. */
    private static final Set<ScriptFlag>[] BY_HEIGHT_RULES = combinations(DEFAULT);
    private static final Set<ScriptFlag>[] BY_HEIGHT_RULES_WITH_TAPROOT = combinations(DEFAULT_WITH_TAPROOT);

    private BlockScriptFlags() {
    }

    /** The flags for the block {@code hash} at {@code height}. */
    public static Set<ScriptFlag> of(SoftForks forks, int height, Hash256 hash) {
        int mask = (SoftForks.active(forks.bip66Height(), height) ? 1 : 0)
                | (SoftForks.active(forks.bip65Height(), height) ? 2 : 0)
                | (SoftForks.active(forks.csvHeight(), height) ? 4 : 0)
                | (SoftForks.active(forks.segwitHeight(), height) ? 8 : 0);
        Set<ScriptFlag> exception = forks.scriptFlagExceptions().isEmpty() ? null : forks.scriptFlagExceptions().get(hash);
        if (exception == null) {
            return SoftForks.active(forks.taprootHeight(), height) ? BY_HEIGHT_RULES_WITH_TAPROOT[mask]
                    : BY_HEIGHT_RULES[mask];
        }
        // Two blocks in all of Bitcoin: not worth a cache.
        EnumSet<ScriptFlag> flags = exception.isEmpty() ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(exception);
        addHeightRules(flags, mask);
        return Collections.unmodifiableSet(flags);
    }

    @SuppressWarnings("unchecked")
    private static Set<ScriptFlag>[] combinations(Set<ScriptFlag> base) {
        Set<ScriptFlag>[] out = new Set[16];
        for (int mask = 0; mask < 16; mask++) {
            EnumSet<ScriptFlag> flags = EnumSet.copyOf(base);
            addHeightRules(flags, mask);
            out[mask] = Collections.unmodifiableSet(flags);
        }
        return out;
    }

    private static void addHeightRules(EnumSet<ScriptFlag> flags, int mask) {
        if ((mask & 1) != 0) {
            flags.add(ScriptFlag.DERSIG);
        }
        if ((mask & 2) != 0) {
            flags.add(ScriptFlag.CHECKLOCKTIMEVERIFY);
        }
        if ((mask & 4) != 0) {
            flags.add(ScriptFlag.CHECKSEQUENCEVERIFY);
        }
        if ((mask & 8) != 0) {
            flags.add(ScriptFlag.NULLDUMMY);
        }
    }
}
