package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Hash256;

/**
 * The validated arguments of one call, by declared name, with defaults applied. Each value already has
 * its declared type, so a handler only reads. Asking for an undeclared name, or with the getter of another
 * type, is a bug in the handler (IllegalArgumentException / IllegalStateException, answered as an internal
 * error). Immutable.
 */
public final class RpcParams {
    private final String method;
    private final Map<String, RpcParam> declared;
    private final Map<String, Object> values;
    private final Set<String> given;

    RpcParams(String method, Map<String, RpcParam> declared, Map<String, Object> values, Set<String> given) {
        this.method = method;
        this.declared = Map.copyOf(declared);
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
    }

    /** True when the caller supplied this parameter (a non-null value), false when omitted or null. */
    public boolean has(String name) {
        declaration(name);
        return given.contains(name);
    }

    /** True when there is a value: supplied, or omitted with a default. */
    public boolean isPresent(String name) {
        declaration(name);
        return values.containsKey(name);
    }

    /** A STRING parameter, or null when omitted without a default. */
    public String getString(String name) {
        return (String) value(name, ParamType.STRING, false);
    }

    /** A BOOLEAN parameter; it must be present. */
    public boolean getBoolean(String name) {
        return (Boolean) value(name, ParamType.BOOLEAN, true);
    }

    /** A NUMBER parameter as an integer, refused like Core's getInt when fractional or too large. */
    public long getLong(String name) throws RpcException {
        JsonNode n = (JsonNode) value(name, ParamType.NUMBER, true);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON integer out of range");
        }
        return n.longValue();
    }

    public int getInt(String name) throws RpcException {
        JsonNode n = (JsonNode) value(name, ParamType.NUMBER, true);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON integer out of range");
        }
        return n.intValue();
    }

    /** A NUMBER parameter exactly as written (floats are read as BigDecimal, never double). */
    public BigDecimal getDecimal(String name) {
        return ((JsonNode) value(name, ParamType.NUMBER, true)).decimalValue();
    }

    /** An ANY parameter as the caller wrote it, or null when omitted without a default. */
    public JsonNode getAny(String name) {
        return (JsonNode) value(name, ParamType.ANY, false);
    }

    /** A RANGE parameter as the caller wrote it, or null when omitted. */
    public JsonNode getRange(String name) {
        return (JsonNode) value(name, ParamType.RANGE, false);
    }

    /** An OBJECT parameter, or null when omitted without a default. */
    public ObjectNode getObject(String name) {
        return (ObjectNode) value(name, ParamType.OBJECT, false);
    }

    /** An ARRAY parameter, or null when omitted without a default. */
    public ArrayNode getArray(String name) {
        return (ArrayNode) value(name, ParamType.ARRAY, false);
    }

    /** An AMOUNT parameter in satoshis, or null when omitted without a default. */
    public Amount getAmount(String name) {
        return (Amount) value(name, ParamType.AMOUNT, false);
    }

    /** A HEX parameter's bytes (a copy), or null when omitted without a default. */
    public byte[] getHex(String name) {
        byte[] b = (byte[]) value(name, ParamType.HEX, false);
        return b == null ? null : b.clone();
    }

    /** A HASH parameter, or null when omitted without a default. */
    public Hash256 getHash(String name) {
        return (Hash256) value(name, ParamType.HASH, false);
    }

    private Object value(String name, ParamType expected, boolean mustBePresent) {
        RpcParam p = declaration(name);
        if (p.type() != expected) {
            throw new IllegalStateException(method + ": parameter '" + name + "' is " + p.type() + ", not " + expected);
        }
        Object v = values.get(name);
        if (v == null && mustBePresent) {
            throw new IllegalStateException(method + ": parameter '" + name
                    + "' was omitted and has no default; check has() first");
        }
        return v;
    }

    private RpcParam declaration(String name) {
        RpcParam p = declared.get(name);
        if (p == null) {
            throw new IllegalArgumentException(method + " declares no parameter '" + name + "'");
        }
        return p;
    }
}
