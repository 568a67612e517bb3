package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The declared type of an RPC parameter. Each maps to the JSON type Core checks before the handler runs
 * (RPCArg::MatchesType), and to the words Core's help prints for it.
 */
public enum ParamType {
    STRING("string", "string"),
    NUMBER("number", "numeric"),
    BOOLEAN("bool", "boolean"),
    OBJECT("object", "json object"),
    ARRAY("array", "json array"),
    /** Coins as a number or a decimal string, at most 8 decimals, in the money range. */
    AMOUNT(null, "numeric or string"),
    /** An even-length, non-empty hex string; handed to the handler as bytes. */
    HEX("string", "string"),
    /** A 64-digit hex hash in display (byte-reversed) order; handed to the handler as a Hash256. */
    HASH("string", "string"),
    /** Any JSON value, checked by the handler (Core's RPCArg::Type::NUM that also takes a bool, e.g. verbosity). */
    ANY(null, "numeric or boolean"),
    /** Core's RPCArg::Type::RANGE: an end or [begin,end], checked by the handler (ParseDescriptorRange). */
    RANGE(null, "numeric or array");

    private final String jsonType;
    private final String helpName;

    ParamType(String jsonType, String helpName) {
        this.jsonType = jsonType;
        this.helpName = helpName;
    }

    /** Core's UniValue type name this parameter must have, or null when any type is checked later. */
    public String expectedJsonType() {
        return jsonType;
    }

    public String helpName() {
        return helpName;
    }

    /** True when a parameter of this type is shown quoted in a usage line, as Core does for strings. */
    boolean quotedInUsage() {
        return this == STRING || this == HEX || this == HASH;
    }

    /** Core's uvTypeName for a JSON value: null, bool, object, array, string or number. */
    public static String jsonTypeName(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isTextual()) {
            return "string";
        }
        return v.isNumber() ? "number" : "null";
    }
}
