package org.nakamoto.p2p;

import java.util.List;
import org.nakamoto.chain.consensus.InputCheck;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;

/**
 * Stands in for the script interpreter in network tests: an input is valid when it spends an OP_TRUE
 * output with an empty scriptSig, which is what a real interpreter decides for that pair too.
 */
final class OpTrueVerifier implements InputVerifier {
    static final byte OP_TRUE = 0x51;

    @Override
    public void verify(List<InputCheck> checks) throws ValidationException {
        for (InputCheck c : checks) {
            byte[] spk = c.spentScriptPubKey().bytes();
            boolean ok = spk.length == 1 && spk[0] == OP_TRUE && c.tx().inputs().get(c.index()).scriptSig().length() == 0;
            if (!ok) {
                throw new ValidationException(RejectReason.SCRIPT_FAILED, c.tx().txid() + ":" + c.index());
            }
        }
    }
}
