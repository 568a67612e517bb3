package org.nakamoto.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a call's arguments against a method's declaration and binds them, in Core's order and with
 * Core's errors:
 * <ol>
 * <li>named arguments (a JSON object) become positional (Core's transformNamedArguments): unknown name
 * -> -8 "Unknown named parameter X"; an "args" array supplies leading positional values;</li>
 * <li>argument count outside [required, declared] -> -1 with the method's help text as the message
 * (Core's RPCHelpMan::HandleRequest throws its help, which CRPCTable maps to RPC_MISC_ERROR);</li>
 * <li>JSON types of all arguments -> -3 "Wrong type passed:" listing every mismatch (Core's
 * MatchesType); an optional argument given as null counts as omitted;</li>
 * <li>value checks of amounts, hex and hashes -> Core's AmountFromValue / ParseHexV / ParseHashV errors.</li>
 * </ol>
 * Stateless.
 */
final class ParamBinder {
    private ParamBinder() {
    }

    /** @param params the request's params: an array or an object (absent params arrive as an empty array) */
    static RpcParams bind(RpcMethod m, JsonNode params) throws RpcException {
        List<JsonNode> args = params.isObject() ? positionalFromNamed(m, (ObjectNode) params) : toList(params);
        if (args.size() < m.requiredCount() || args.size() > m.params().size()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, RpcHelp.methodHelp(m));
        }
        checkTypes(m, args);

        Map<String, RpcParam> declared = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < m.params().size(); i++) {
            RpcParam p = m.params().get(i);
            declared.put(p.name(), p);
            JsonNode v = i < args.size() ? args.get(i) : null;
            if (!isNull(v)) {
                given.add(p.name());
                values.put(p.name(), ParamConverter.convert(p, v));
            } else if (p.required()) {
                // Only an AMOUNT gets here (others failed the type check); Core refuses it the same way.
                values.put(p.name(), ParamConverter.convert(p, NullNode.instance));
            } else if (p.defaultValue() != null) {
                values.put(p.name(), ParamConverter.convert(p, p.defaultValue()));
            }
        }
        return new RpcParams(m.name(), declared, values, given);
    }

    private static void checkTypes(RpcMethod m, List<JsonNode> args) throws RpcException {
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (int i = 0; i < m.params().size(); i++) {
            RpcParam p = m.params().get(i);
            JsonNode v = i < args.size() ? args.get(i) : null;
            String expected = p.type().expectedJsonType();
            if ((!p.required() && isNull(v)) || expected == null) {
                continue;
            }
            String actual = ParamType.jsonTypeName(v);
            if (!expected.equals(actual)) {
                mismatches.put("Position " + (i + 1) + " (" + p.name() + ")",
                        "JSON value of type " + actual + " is not of expected type " + expected);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, "Wrong type passed:\n" + indent4(mismatches));
        }
    }

    /** Core's transformNamedArguments: holes between named values become nulls, trailing holes are dropped. */
    private static List<JsonNode> positionalFromNamed(RpcMethod m, ObjectNode named) throws RpcException {
        Map<String, JsonNode> in = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            in.put(e.getKey(), e.getValue());
        }
        boolean declaresArgs = m.params().stream().anyMatch(p -> p.name().equals("args"));
        JsonNode positional = null;
        if (!declaresArgs && in.containsKey("args") && in.get("args").isArray()) {
            positional = in.remove("args");
        }
        List<JsonNode> out = new ArrayList<>();
        int hole = 0;
        int initialHole = 0;
        String initialParam = null;
        for (RpcParam p : m.params()) {
            JsonNode v = in.remove(p.name());
            if (v != null) {
                for (; hole > 0; hole--) {
                    out.add(NullNode.instance);
                }
                if (initialParam == null) {
                    initialParam = p.name();
                }
                out.add(v);
            } else {
                hole++;
                if (out.isEmpty()) {
                    initialHole = hole;
                }
            }
        }
        if (positional != null) {
            if (initialParam != null && positional.size() > initialHole) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Parameter " + initialParam
                        + " specified twice both as positional and named argument");
            }
            List<JsonNode> merged = toList(positional);
            for (int i = merged.size(); i < out.size(); i++) {
                merged.add(out.get(i));
            }
            out = merged;
        }
        if (!in.isEmpty()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    "Unknown named parameter " + in.keySet().iterator().next());
        }
        return out;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull();
    }

    /** The layout of Core's UniValue::write(4) for a flat object of strings. */
    private static String indent4(Map<String, String> entries) {
        List<String> lines = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                lines.add("    " + RpcJson.MAPPER.writeValueAsString(e.getKey()) + ": "
                        + RpcJson.MAPPER.writeValueAsString(e.getValue()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string", e);
        }
        return "{\n" + String.join(",\n", lines) + "\n}";
    }
}
