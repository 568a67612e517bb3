package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs nakamoto-wallet in-process, as the launcher would, with a chosen environment and no console. Public and
 * shipped in the wallet test-jar so that node's tests drive the same CLI against a real nakamotod.
 */
public final class CliHarness {
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public record Result(int exitCode, String out, String err) {
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }

        public Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ": " + err + out);
            }
            return this;
        }
    }

    static final Terminal NO_CONSOLE = new Terminal() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public char[] readSecret(String prompt) {
            throw new AssertionError("no console");
        }
    };

    public final Map<String, String> env = new HashMap<>();
    final List<String> common = new ArrayList<>();

    /** {@code password} goes in the environment ({@code null}: no password source at all). */
    public CliHarness(String password, String... commonArgs) {
        if (password != null) {
            env.put(PasswordSource.ENV, password);
        }
        common.addAll(Arrays.asList(commonArgs));
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NakamotoWallet.commandLine(env, NO_CONSOLE);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(common);
        all.addAll(Arrays.asList(args));
        int code = cl.execute(all.toArray(new String[0]));
        return new Result(code, out.toString(), err.toString());
    }
}
