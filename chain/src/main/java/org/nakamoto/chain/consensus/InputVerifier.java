package org.nakamoto.chain.consensus;

import java.util.List;

/**
 * Evaluates the scripts a block or transaction needs. Validation hands over all of a block's checks at
 * once so an implementation may fan them out to a worker pool; the result must not depend on order.
 */
public interface InputVerifier {
    /** @throws ValidationException with {@link RejectReason#SCRIPT_FAILED} naming the first failing input */
    void verify(List<InputCheck> checks) throws ValidationException;
}
