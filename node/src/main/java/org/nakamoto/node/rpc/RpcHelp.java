package org.nakamoto.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders help from method declarations in the layout of Core's RPCHelpMan::ToString: a usage line
 * (string arguments quoted, optional ones in "( )"), the summary, numbered arguments with type and
 * required/optional/default, the result, and examples. Stateless.
 */
public final class RpcHelp {
    /** The port shown in curl examples: the local testnet's default. */
    private static final String EXAMPLE_URL = "http://127.0.0.1:28443/";

    private RpcHelp() {
    }

    /** The first line of a method's help, e.g. {@code getblock "blockhash" ( verbosity )}. */
    public static String usage(RpcMethod m) {
        StringBuilder sb = new StringBuilder(m.name());
        boolean inOptional = false;
        for (RpcParam p : m.params()) {
            if (!p.required() && !inOptional) {
                sb.append(" (");
                inOptional = true;
            }
            sb.append(' ').append(p.type().quotedInUsage() ? '"' + p.name() + '"' : p.name());
        }
        if (inOptional) {
            sb.append(" )");
        }
        return sb.toString();
    }

    /** The full help of one method, as {@code help METHOD} returns it. */
    public static String methodHelp(RpcMethod m) {
        StringBuilder sb = new StringBuilder(usage(m)).append("\n\n").append(m.summary().strip()).append('\n');
        if (!m.params().isEmpty()) {
            sb.append("\nArguments:\n");
            List<String> left = new ArrayList<>();
            for (int i = 0; i < m.params().size(); i++) {
                left.add((i + 1) + ". " + m.params().get(i).name());
            }
            int width = left.stream().mapToInt(String::length).max().orElse(0) + 4;
            for (int i = 0; i < m.params().size(); i++) {
                String text = describe(m.params().get(i));
                sb.append(pad(left.get(i), width)).append(text.replace("\n", "\n" + " ".repeat(width))).append('\n');
            }
        }
        sb.append("\nResult:\n").append(m.result().strip()).append('\n');
        if (!m.examples().isEmpty()) {
            sb.append("\nExamples:\n");
            for (List<String> args : m.examples()) {
                sb.append(exampleCli(m.name(), args)).append('\n').append(exampleCurl(m.name(), args)).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Every listed method's usage line, grouped under "== Category ==" headings, as {@code help} returns it. */
    public static String overview(Collection<RpcMethod> methods) {
        List<RpcMethod> sorted = new ArrayList<>(methods);
        sorted.removeIf(m -> m.category() == RpcCategory.HIDDEN);
        sorted.sort(Comparator.comparing((RpcMethod m) -> m.category().label()).thenComparing(RpcMethod::name));
        StringBuilder sb = new StringBuilder();
        RpcCategory current = null;
        for (RpcMethod m : sorted) {
            if (m.category() != current) {
                if (current != null) {
                    sb.append('\n');
                }
                current = m.category();
                String label = current.label();
                sb.append("== ").append(label.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(label.substring(1)).append(" ==\n");
            }
            sb.append(usage(m)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Core's ToDescriptionString: "(type, required)" or "(type, optional, default=x)", then the text. */
    private static String describe(RpcParam p) {
        String req;
        if (p.required()) {
            req = "required";
        } else if (p.defaultHint() != null) {
            req = "optional, default=" + p.defaultHint();
        } else if (p.defaultValue() != null) {
            req = "optional, default=" + p.defaultValue().toString();
        } else {
            req = "optional";
        }
        return "(" + p.type().helpName() + ", " + req + ") " + p.description().strip();
    }

    private static String exampleCli(String method, List<String> args) {
        return "> nakamoto-cli " + method + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    private static String exampleCurl(String method, List<String> args) {
        ArrayNode params = RpcJson.MAPPER.createArrayNode();
        args.forEach(a -> params.add(RpcJson.parseArg(a)));
        String body;
        try {
            body = "{\"jsonrpc\": \"2.0\", \"id\": \"curltest\", \"method\": "
                    + RpcJson.MAPPER.writeValueAsString(method) + ", \"params\": "
                    + RpcJson.MAPPER.writeValueAsString(params) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return "> curl --user myusername --data-binary '" + body + "' -H 'content-type: application/json' "
                + EXAMPLE_URL;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(1, width - s.length()));
    }
}
