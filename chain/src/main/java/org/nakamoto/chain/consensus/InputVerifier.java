package org.nakamoto.chain.consensus;

import java.util.List;
import java.util.Set;
import org.nakamoto.chain.script.ScriptFlag;

/**
 * Evaluates the scripts a block or transaction needs. Validation hands over all of a block's checks at
 * once so an implementation may fan them out to a worker pool; the result must not depend on order.
 * The caller chooses the flags: a block's come from its height ({@link BlockScriptFlags}), the
 * mempool's are Core's standard ones.
 */
public interface InputVerifier {
    /**
     * Evaluates every check under {@code flags}.
     *
     * @throws ValidationException naming the first failing input, with {@link RejectReason#SCRIPT_FAILED} under
     *     consensus flags alone and {@link RejectReason#TX_SCRIPT_FAILED} when policy flags are among them
     */
    void verify(List<InputCheck> checks, Set<ScriptFlag> flags) throws ValidationException;
}
