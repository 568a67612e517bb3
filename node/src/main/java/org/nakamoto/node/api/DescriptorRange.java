package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The positions of a ranged descriptor to expand, both ends included: Core's ParseDescriptorRange, which reads an
 * end {@code n} as {@code [0,n]} or a {@code [begin,end]} pair, and refuses negative beginnings, ends from 2^31 on
 * and more than a million positions.
 */
record DescriptorRange(long begin, long end) {
    static final long MAX_SIZE = 1_000_000;

    /** @throws RpcException RPC_INVALID_PARAMETER (or RPC_MISC_ERROR for a non-integer number) with Core's message */
    static DescriptorRange parse(JsonNode value) throws RpcException {
        long low;
        long high;
        if (value.isNumber()) {
            low = 0;
            high = integer(value);
        } else if (value.isArray() && value.size() == 2 && value.get(0).isNumber() && value.get(1).isNumber()) {
            low = integer(value.get(0));
            high = integer(value.get(1));
            if (low > high) {
                throw invalid("Range specified as [begin,end] must not have begin after end");
            }
        } else {
            throw invalid("Range must be specified as end or as [begin,end]");
        }
        if (low < 0) {
            throw invalid("Range should be greater or equal than 0");
        }
        if ((high >> 31) != 0) {
            throw invalid("End of range is too high");
        }
        if (high >= low + MAX_SIZE) {
            throw invalid("Range is too large");
        }
        return new DescriptorRange(low, high);
    }

    /** UniValue's getInt&lt;int64_t&gt;. */
    private static long integer(JsonNode n) throws RpcException {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON integer out of range");
        }
        return n.longValue();
    }

    private static RpcException invalid(String message) {
        return new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, message);
    }
}
