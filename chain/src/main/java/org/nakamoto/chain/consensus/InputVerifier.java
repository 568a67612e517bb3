package org.nakamoto.chain.consensus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.script.ScriptFlag;

/**
 * Evaluates the scripts a block or transaction needs. Validation hands over all of a block's checks at
 * once so an implementation may fan them out to a worker pool; the result must not depend on order.
 */
public interface InputVerifier {
    /**
     * The flags block validation applies today: P2SH for every block, as Bitcoin Core does (its one
     * historical exception block is far above anything this node imports). Deriving them per height from
     * the soft-fork deployments (Core's {@code GetBlockScriptFlags}) replaces this.
     */
    Set<ScriptFlag> BLOCK_FLAGS = Collections.unmodifiableSet(EnumSet.of(ScriptFlag.P2SH));

    /**
     * Evaluates every check under {@code flags}.
     *
     * @throws ValidationException with {@link RejectReason#SCRIPT_FAILED} naming the first failing input
     */
    void verify(List<InputCheck> checks, Set<ScriptFlag> flags) throws ValidationException;

    /** Evaluates every check under {@link #BLOCK_FLAGS}. */
    default void verify(List<InputCheck> checks) throws ValidationException {
        verify(checks, BLOCK_FLAGS);
    }
}
