package org.nakamoto.node.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ParamBinderTest {
    private static final String HASH = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private final RpcMethod typed = DemoMethods.registry().find("typed").orElseThrow();
    private final RpcMethod echo = DemoMethods.registry().find("echo").orElseThrow();

    @Test
    void positionalArgumentsAreTypedAndDefaulted() throws Exception {
        RpcParams p = bind(echo, "[\"a\"]");
        assertEquals("a", p.getString("message"));
        assertEquals(1, p.getInt("repeat"), "default");
        assertTrue(p.has("message"));
        assertFalse(p.has("repeat"));
        assertTrue(p.isPresent("repeat"));

        p = bind(typed, "[7, true, \"0.1\", \"" + HASH + "\", \"00ff\", {\"k\":1}, [1,2]]");
        assertEquals(7, p.getLong("count"));
        assertTrue(p.getBoolean("flag"));
        assertEquals(10_000_000L, p.getAmount("amount").sat());
        assertEquals(HASH, p.getHash("hash").toString());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, p.getHex("data"));
        assertEquals(1, p.getObject("options").get("k").asInt());
        assertEquals(2, p.getArray("items").size());
    }

    @Test
    void nullForAnOptionalArgumentMeansOmitted() throws Exception {
        RpcParams p = bind(echo, "[\"a\", null]");
        assertFalse(p.has("repeat"));
        assertEquals(1, p.getInt("repeat"));
        assertNull(bind(typed, "[1, null, null, null]").getHash("hash"));
    }

    @Test
    void arityErrorsCarryTheHelpAsMiscError() {
        RpcException e = assertThrows(RpcException.class, () -> bind(echo, "[]"));
        assertEquals(RpcErrorCode.RPC_MISC_ERROR, e.code());
        assertEquals(RpcHelp.methodHelp(echo), e.getMessage());
        assertEquals(-1, assertThrows(RpcException.class, () -> bind(echo, "[\"a\",1,2]")).code());
    }

    @Test
    void typeErrorsListEveryMismatchLikeCore() {
        RpcException e = assertThrows(RpcException.class, () -> bind(typed, "[\"7\", 1, true, 5]"));
        assertEquals(RpcErrorCode.RPC_TYPE_ERROR, e.code());
        assertEquals("""
                Wrong type passed:
                {
                    "Position 1 (count)": "JSON value of type string is not of expected type number",
                    "Position 2 (flag)": "JSON value of type number is not of expected type bool",
                    "Position 4 (hash)": "JSON value of type number is not of expected type string"
                }""", e.getMessage());
        e = assertThrows(RpcException.class, () -> bind(echo, "[null]"));
        assertTrue(e.getMessage().contains("JSON value of type null is not of expected type string"));
    }

    @Test
    void valueErrorsUseCoresMessages() {
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "hash must be of length 64 (not 3, for 'abc')",
                "[1, null, null, \"abc\"]");
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "hash must be hexadecimal string (not '" + "g".repeat(64) + "')",
                "[1, null, null, \"" + "g".repeat(64) + "\"]");
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "data must be hexadecimal string (not 'abc')",
                "[1, null, null, null, \"abc\"]");
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "data must be hexadecimal string (not '')",
                "[1, null, null, null, \"\"]");
        // Arabic-Indic digits are digits to Character.digit, not to Core.
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "data must be hexadecimal string (not '\u0663\u0663')",
                "[1, null, null, null, \"\u0663\u0663\"]");
        assertError(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount", "[1, null, \"0.000000001\"]");
        assertError(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount", "[1, null, \"lots\"]");
        assertError(RpcErrorCode.RPC_TYPE_ERROR, "Amount out of range", "[1, null, -1]");
        assertError(RpcErrorCode.RPC_TYPE_ERROR, "Amount out of range", "[1, null, 21000000.00000001]");
        assertError(RpcErrorCode.RPC_TYPE_ERROR, "Amount is not a number or string", "[1, null, true]");
    }

    @Test
    void amountsAreExactDecimals() throws Exception {
        assertEquals(1L, bind(typed, "[1, null, 0.00000001]").getAmount("amount").sat());
        assertEquals(2_100_000_000_000_000L, bind(typed, "[1, null, 21000000]").getAmount("amount").sat());
        assertEquals(123_456_789L, bind(typed, "[1, null, \"1.23456789\"]").getAmount("amount").sat());
    }

    @Test
    void integersOutOfRangeAreRefusedLikeCoresGetInt() throws Exception {
        RpcException e = assertThrows(RpcException.class, () -> bind(typed, "[1.5]").getLong("count"));
        assertEquals(RpcErrorCode.RPC_MISC_ERROR, e.code());
        assertEquals("JSON integer out of range", e.getMessage());
        assertThrows(RpcException.class, () -> bind(typed, "[99999999999999999999]").getLong("count"));
        assertThrows(RpcException.class, () -> bind(typed, "[3000000000]").getInt("count"));
    }

    @Test
    void namedArgumentsFollowCoresTransform() throws Exception {
        RpcParams p = bind(typed, "{\"hash\":\"" + HASH + "\",\"count\":3}");
        assertEquals(3, p.getLong("count"));
        assertFalse(p.has("flag"), "the hole between count and hash is null");
        assertEquals(HASH, p.getHash("hash").toString());

        p = bind(typed, "{\"args\":[4, true],\"data\":\"ab\"}");
        assertEquals(4, p.getLong("count"));
        assertTrue(p.getBoolean("flag"));
        assertArrayEquals(new byte[] {(byte) 0xab}, p.getHex("data"));

        assertError(RpcErrorCode.RPC_INVALID_PARAMETER, "Unknown named parameter colour", "{\"count\":1,\"colour\":2}");
        assertError(RpcErrorCode.RPC_INVALID_PARAMETER,
                "Parameter count specified twice both as positional and named argument", "{\"args\":[1],\"count\":2}");
        // A missing required argument before a named one is a null hole: Core's type error.
        assertEquals(-3, assertThrows(RpcException.class, () -> bind(typed, "{\"flag\":true}")).code());
        // With nothing after it, it is simply missing: Core's arity error.
        assertEquals(-1, assertThrows(RpcException.class, () -> bind(typed, "{}")).code());
    }

    @Test
    void handlerBugsInAccessAreNotCallerErrors() throws Exception {
        RpcParams p = bind(echo, "[\"a\"]");
        assertThrows(IllegalArgumentException.class, () -> p.getString("nosuch"));
        assertThrows(IllegalStateException.class, () -> p.getBoolean("message"));
        assertThrows(IllegalStateException.class, () -> bind(typed, "[1]").getBoolean("flag"));
    }

    private void assertError(int code, String message, String params) {
        RpcException e = assertThrows(RpcException.class, () -> bind(typed, params));
        assertEquals(code, e.code(), message);
        assertEquals(message, e.getMessage());
    }

    private static RpcParams bind(RpcMethod m, String params) throws Exception {
        JsonNode node = RpcJson.MAPPER.readTree(params);
        return ParamBinder.bind(m, node);
    }
}
