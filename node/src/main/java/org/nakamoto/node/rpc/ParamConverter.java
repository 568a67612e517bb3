package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Hash256;

/**
 * Turns a JSON value whose JSON type already matched its declaration into the Java value a handler
 * receives: Amount for AMOUNT, byte[] for HEX, Hash256 for HASH, the JSON node otherwise. The errors are
 * Core's: AmountFromValue (-3), ParseHexV and ParseHashV (-8).
 */
final class ParamConverter {
    private ParamConverter() {
    }

    static Object convert(RpcParam p, JsonNode v) throws RpcException {
        return switch (p.type()) {
            case STRING -> v.textValue();
            case BOOLEAN -> v.booleanValue();
            case NUMBER, OBJECT, ARRAY, ANY, RANGE -> v;
            case AMOUNT -> amount(v);
            case HEX -> hex(p.name(), v.textValue());
            case HASH -> hash(p.name(), v.textValue());
        };
    }

    /** Core's AmountFromValue: a number or decimal string of coins, at most 8 decimals, in MoneyRange. */
    static Amount amount(JsonNode v) throws RpcException {
        if (!v.isNumber() && !v.isTextual()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Amount is not a number or string");
        }
        String text = v.isTextual() ? v.textValue() : v.decimalValue().toPlainString();
        BigDecimal coins;
        try {
            coins = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount");
        }
        if (coins.stripTrailingZeros().scale() > 8) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount");
        }
        BigDecimal sats = coins.movePointRight(8);
        if (sats.signum() < 0 || sats.compareTo(BigDecimal.valueOf(Amount.MAX_MONEY)) > 0) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Amount out of range");
        }
        return Amount.ofSat(sats.longValueExact());
    }

    /** Core's ParseHexV: non-empty, even length, ASCII hex digits only. */
    static byte[] hex(String name, String s) throws RpcException {
        if (!isHex(s)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    name + " must be hexadecimal string (not '" + s + "')");
        }
        return Hex.decode(s);
    }

    /** Core's ParseHashV: exactly 64 hex digits, given in display order. */
    static Hash256 hash(String name, String s) throws RpcException {
        if (s.length() != 2 * Hash256.LENGTH) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, name + " must be of length "
                    + 2 * Hash256.LENGTH + " (not " + s.length() + ", for '" + s + "')");
        }
        if (!isHex(s)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    name + " must be hexadecimal string (not '" + s + "')");
        }
        return Hash256.fromHex(s);
    }

    // ASCII only: Character.digit would also accept other scripts' digits, which Core's IsHex refuses.
    private static boolean isHex(String s) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
