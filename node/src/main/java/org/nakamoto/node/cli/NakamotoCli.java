package org.nakamoto.node.cli;

import org.nakamoto.chain.params.DataDirs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nakamoto.chain.params.ParamsException;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.rpc.CookieFile;
import org.nakamoto.node.rpc.PasswordFile;
import org.nakamoto.node.rpc.RpcErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nakamoto-cli [options] METHOD [ARGS...]}: sends one JSON-RPC call to nakamotod and prints the
 * result, like bitcoin-cli. Options take Core's single-dash spelling too ({@code -rpcport=18443}).
 * Everything after METHOD is an argument, even when it starts with "-" (a negative number).
 * Credentials: a password from --rpcpassword-file, --rpcpassword or $NAKAMOTO_RPCPASSWORD (with --rpcuser or
 * $NAKAMOTO_RPCUSER), else the cookie in the data directory.
 * Exit codes: 0 success; |code| of a JSON-RPC error (bitcoin-cli's rule); 1 for anything else.
 */
@Command(name = "nakamoto-cli", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send one JSON-RPC call to nakamotod and print the result.")
public final class NakamotoCli implements Callable<Integer> {
    private static final String DEFAULT_NETWORK = "testnet";

    @Option(names = {"-network", "--network"}, paramLabel = "NAME", defaultValue = DEFAULT_NETWORK,
            description = "testnet, regtest or mainnet: picks the default port and data directory (default: ${DEFAULT-VALUE})")
    private String network;

    @Option(names = {"-rpcconnect", "--rpcconnect"}, paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Send the call to this node (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = {"-rpcport", "--rpcport"}, paramLabel = "PORT",
            description = "Connect on this port (default: the network's: testnet 28443, regtest 18443, mainnet 8332)")
    private Integer port;

    @Option(names = {"-rpcuser", "--rpcuser"}, paramLabel = "USER",
            description = "User for password authentication (default: $NAKAMOTO_RPCUSER)")
    private String user;

    @Option(names = {"-rpcpassword-file", "--rpcpassword-file"}, paramLabel = "FILE",
            description = "Read the password from the first line of FILE (else $NAKAMOTO_RPCPASSWORD); without a "
                    + "password the cookie in the data directory is used")
    private Path passwordFile;

    @Option(names = {"-rpcpassword", "--rpcpassword"}, paramLabel = "PW",
            description = "Password on the command line, where ps shows it: prefer --rpcpassword-file")
    private String password;

    /** The environment; a field so that tests can give their own. */
    Map<String, String> env = System.getenv();

    @Option(names = {"-datadir", "--datadir"}, paramLabel = "DIR",
            description = "Data directory holding the .cookie (default: ~/.nakamoto/<network>)")
    private Path dataDir;

    @Option(names = {"-named", "--named"}, description = "Pass key=value arguments as named parameters")
    private boolean named;

    @Option(names = {"-rpcwait", "--rpcwait"}, description = "Wait for the server to start and finish warming up")
    private boolean rpcWait;

    @Option(names = {"-rpcwaittimeout", "--rpcwaittimeout"}, paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up waiting after this many seconds; 0 waits forever (default: ${DEFAULT-VALUE})")
    private int rpcWaitTimeout;

    @Option(names = {"-rpcclienttimeout", "--rpcclienttimeout"}, paramLabel = "SECONDS", defaultValue = "900",
            description = "Time allowed for the call; 0 for none (default: ${DEFAULT-VALUE})")
    private int clientTimeout;

    @Parameters(index = "0", paramLabel = "METHOD", description = "The RPC method, e.g. getblockcount or help")
    private String method;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments: JSON where they parse as JSON, else strings")
    private List<String> args = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    public static void main(String[] argv) {
        System.exit(commandLine().execute(argv));
    }

    /** The configured command line; tests run it in-process with their own out and err writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new NakamotoCli()).setStopAtPositional(true);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode params = named ? CliArgs.named(args) : CliArgs.positional(args);
            RpcClient client = new RpcClient(host, resolvePort(), clientTimeout > 0 ? Duration.ofSeconds(clientTimeout) : null);
            return CliOutput.print(callWithWait(client, params), out, err);
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Calls once, or under --rpcwait retries every second while the failure is transient or -28. */
    private JsonNode callWithWait(RpcClient client, JsonNode params) throws CliException {
        long deadline = rpcWaitTimeout > 0 ? System.nanoTime() + Duration.ofSeconds(rpcWaitTimeout).toNanos() : Long.MAX_VALUE;
        while (true) {
            try {
                JsonNode reply = client.call(method, params, credentials());
                if (!rpcWait || !inWarmup(reply) || System.nanoTime() >= deadline) {
                    return reply;
                }
            } catch (CliException e) {
                if (!rpcWait || !e.isTransient() || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted", false);
            }
        }
    }

    private static boolean inWarmup(JsonNode reply) {
        JsonNode error = reply.get("error");
        return error != null && error.path("code").asInt() == RpcErrorCode.RPC_IN_WARMUP;
    }

    private int resolvePort() throws CliException {
        if (port != null) {
            return port;
        }
        try {
            return ParamsLoader.builtIn(network).rpcPort();
        } catch (ParamsException e) {
            throw new CliException(e.getMessage(), false);
        }
    }

    private String credentials() throws CliException {
        // --rpcpassword-file first (as on main), then --rpcpassword, then the environment.
        String pw = password;
        if (passwordFile != null) {
            try {
                pw = PasswordFile.read(passwordFile);
            } catch (IOException e) {
                throw new CliException("--rpcpassword-file " + passwordFile + ": " + e.getMessage(), false);
            }
        }
        if (pw == null) {
            pw = env.get("NAKAMOTO_RPCPASSWORD");
        }
        if (pw != null && !pw.isEmpty()) {
            String u = user != null ? user : env.getOrDefault("NAKAMOTO_RPCUSER", "");
            return u + ":" + pw;
        }
        Path dir = dataDir != null ? dataDir : DataDirs.defaultFor(network);
        Optional<String> cookie;
        try {
            cookie = CookieFile.read(dir);
        } catch (IOException e) {
            throw new CliException("cannot read the authentication cookie in " + dir + ": " + e.getMessage(), false);
        }
        // Transient: under --rpcwait the node may simply not have written its cookie yet.
        return cookie.orElseThrow(() -> new CliException("Could not locate RPC credentials. No authentication cookie"
                + " could be found in " + dir + ", and RPC password is not set. See --rpcpassword and --datadir.", true));
    }
}
