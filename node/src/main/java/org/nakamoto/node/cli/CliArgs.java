package org.nakamoto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nakamoto.node.rpc.RpcJson;

/**
 * Turns command-line arguments into JSON-RPC params. Each value is JSON when it parses as JSON, else a
 * string ({@link RpcJson#parseArg}); bitcoin-cli instead converts per method from a table, which this
 * simpler rule replaces. Stateless.
 */
final class CliArgs {
    private CliArgs() {
    }

    /** Positional: {@code 1000 true abc} -> {@code [1000, true, "abc"]}. */
    static ArrayNode positional(List<String> args) {
        ArrayNode params = RpcJson.MAPPER.createArrayNode();
        args.forEach(a -> params.add(RpcJson.parseArg(a)));
        return params;
    }

    /**
     * Named, like bitcoin-cli -named: {@code key=value} pairs become an object; arguments without "="
     * are collected, in order, into the "args" array the server treats as leading positional values.
     */
    static ObjectNode named(List<String> args) throws CliException {
        ObjectNode params = RpcJson.MAPPER.createObjectNode();
        ArrayNode positional = RpcJson.MAPPER.createArrayNode();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                positional.add(RpcJson.parseArg(a));
                continue;
            }
            String key = a.substring(0, eq);
            JsonNode value = RpcJson.parseArg(a.substring(eq + 1));
            if (params.has(key)) {
                throw new CliException("Parameter " + key + " specified twice", false);
            }
            params.set(key, value);
        }
        if (!positional.isEmpty()) {
            if (params.has("args")) {
                throw new CliException("Parameter args specified twice", false);
            }
            params.set("args", positional);
        }
        return params;
    }
}
