package org.nakamoto.node.api;

import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/** Core's mapping of a refused transaction to an RPC error (BroadcastTransaction / JSONRPCTransactionError). */
final class TxErrors {
    private TxErrors() {
    }

    static RpcException rejected(ValidationException e) {
        return switch (e.reason()) {
            case TX_ALREADY_CONFIRMED -> new RpcException(RpcErrorCode.RPC_VERIFY_ALREADY_IN_CHAIN,
                    "Transaction already in block chain");
            case TX_ORPHAN, TX_MISSING_OR_SPENT -> new RpcException(RpcErrorCode.RPC_VERIFY_ERROR,
                    "bad-txns-inputs-missingorspent");
            default -> new RpcException(RpcErrorCode.RPC_VERIFY_REJECTED, e.rejectString());
        };
    }

    /** The reject-reason testmempoolaccept reports. */
    static String reason(ValidationException e) {
        return switch (e.reason()) {
            case TX_ORPHAN, TX_MISSING_OR_SPENT -> "missing-inputs";
            default -> e.rejectString();
        };
    }
}
