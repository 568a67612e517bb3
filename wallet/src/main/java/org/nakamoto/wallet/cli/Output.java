package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import org.nakamoto.chain.model.Amount;

/**
 * A command's result, printed either as text for people or, under --json, as one JSON object for
 * scripts. Amounts in JSON are coin numbers with 8 decimals, as Bitcoin Core prints them.
 */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean json;
    private final PrintWriter out;

    Output(boolean json, PrintWriter out) {
        this.json = json;
        this.out = out;
    }

    boolean json() {
        return json;
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Prints {@code result} under --json, else {@code text}. */
    void emit(ObjectNode result, String text) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
    }

    static BigDecimal coins(long sat) {
        return Amount.ofSat(sat).toCoins();
    }

    static String text(long sat) {
        return Amount.ofSat(sat).toCoins().toPlainString();
    }
}
