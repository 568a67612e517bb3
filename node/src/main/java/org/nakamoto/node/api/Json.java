package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.node.rpc.RpcJson;

/** Small helpers for building Core-shaped results. */
final class Json {
    private Json() {
    }

    static ObjectNode object() {
        return RpcJson.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return RpcJson.MAPPER.createArrayNode();
    }

    /** Satoshis as coins with 8 decimals (Core's ValueFromAmount). */
    static BigDecimal coins(long sats) {
        return Amount.ofSat(sats).toCoins();
    }

    /** A 256-bit number as 64 hex digits (Core's chainwork). */
    static String hex256(BigInteger v) {
        String h = v.toString(16);
        return "0".repeat(Math.max(0, 64 - h.length())) + h;
    }

    /** Bits as 8 hex digits. */
    static String bitsHex(long bits) {
        return String.format("%08x", bits);
    }

    /** Core's GetDifficulty: how many times harder than 0x1d00ffff, whatever the network. */
    static double difficulty(long bits) {
        int shift = (int) ((bits >>> 24) & 0xff);
        double diff = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
        while (shift < 29) {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29) {
            diff /= 256.0;
            shift--;
        }
        return diff;
    }
}
