package org.nakamoto.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintWriter;
import org.nakamoto.node.rpc.RpcJson;

/**
 * Prints a reply the way bitcoin-cli does: a string result bare, a null result not at all, any other
 * result as JSON indented by two spaces ({@code "key": value}, one element per line); an error as
 * "error code: N" / "error message:" / message on stderr, with exit code |N| (bitcoin-cli's rule, so
 * scripts can tell errors apart). Stateless.
 */
final class CliOutput {
    private static final ObjectWriter PRETTY = RpcJson.MAPPER.writer(prettyPrinter());

    private CliOutput() {
    }

    /** @return the process exit code */
    static int print(JsonNode reply, PrintWriter out, PrintWriter err) {
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            return printError(error, err);
        }
        JsonNode result = reply.get("result");
        if (result == null || result.isNull()) {
            return 0;
        }
        out.println(result.isTextual() ? result.textValue() : pretty(result));
        out.flush();
        return 0;
    }

    private static int printError(JsonNode error, PrintWriter err) {
        if (!error.isObject()) {
            err.println("error: " + error);
            err.flush();
            return 1;
        }
        JsonNode code = error.get("code");
        JsonNode message = error.get("message");
        StringBuilder sb = new StringBuilder();
        if (code != null && !code.isNull()) {
            sb.append("error code: ").append(code.asText()).append('\n');
        }
        if (message != null && message.isTextual()) {
            sb.append("error message:\n").append(message.textValue());
        }
        err.println(sb.toString().stripTrailing());
        err.flush();
        int exit = code != null && code.canConvertToInt() ? Math.abs(code.intValue()) : 1;
        // A status that is 0 modulo 256 would read as success to the shell.
        return exit % 256 == 0 ? 1 : exit;
    }

    static String pretty(JsonNode value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
