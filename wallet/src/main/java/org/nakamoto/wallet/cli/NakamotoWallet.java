package org.nakamoto.wallet.cli;

import org.nakamoto.chain.params.DataDirs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsException;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.file.WalletStore;
import org.nakamoto.wallet.rpc.NodeRpcClient;
import org.nakamoto.wallet.rpc.RpcCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code nakamoto-wallet}: a BIP39/BIP44 wallet that keeps its keys in an encrypted file and talks to a
 * node only through Bitcoin Core's JSON-RPC. The options here apply to every subcommand and may be written
 * before or after its name. Exit codes: 0 success, 1 a reported error, 2 bad usage.
 */
@Command(name = "nakamoto-wallet", mixinStandardHelpOptions = true, sortOptions = false,
        version = "nakamoto-wallet 0.1.0",
        description = "Keys from a mnemonic, addresses, balance and signed payments through a node's JSON-RPC.",
        subcommands = {CreateCommand.class, RestoreCommand.class, AddressCommand.class, BalanceCommand.class,
            ListUnspentCommand.class, SendCommand.class, HistoryCommand.class, ExportKeyCommand.class})
public final class NakamotoWallet implements Runnable {
    static final String DEFAULT_NETWORK = "testnet";

    @Option(names = "--network", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "testnet, regtest or mainnet (default: the wallet file's, else " + DEFAULT_NETWORK + ")")
    String network;

    @Option(names = "--datadir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Node data directory: holds the RPC .cookie and the default wallet (default: ~/.nakamoto/<network>)")
    Path dataDir;

    @Option(names = "--wallet", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Wallet file (default: <datadir>/wallet.json)")
    Path walletFile;

    @Option(names = "--rpcconnect", paramLabel = "HOST", scope = ScopeType.INHERIT, defaultValue = "127.0.0.1",
            description = "Node RPC host (default: ${DEFAULT-VALUE})")
    String rpcHost;

    @Option(names = "--rpcport", paramLabel = "PORT", scope = ScopeType.INHERIT,
            description = "Node RPC port (default: the network's)")
    Integer rpcPort;

    @Option(names = "--rpcuser", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "RPC user (default: $NAKAMOTO_RPCUSER)")
    String rpcUser;

    @Option(names = "--rpcpassword-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the RPC password from the first line of FILE (else $NAKAMOTO_RPCPASSWORD); "
                    + "without a password the cookie in the data directory is used")
    Path rpcPasswordFile;

    @Option(names = "--rpcpassword", paramLabel = "PW", scope = ScopeType.INHERIT,
            description = "RPC password on the command line, where ps shows it: prefer --rpcpassword-file")
    String rpcPassword;

    @Option(names = "--rpctimeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT, defaultValue = "300",
            description = "Time allowed per RPC call (default: ${DEFAULT-VALUE})")
    int rpcTimeoutSeconds;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the wallet password from the first line of FILE (else $" + PasswordSource.ENV
                    + ", else a prompt)")
    Path passwordFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON object, for scripts")
    boolean json;

    @Option(names = "--address-type", paramLabel = "TYPE", scope = ScopeType.INHERIT,
            description = "legacy, p2sh-segwit, bech32 or bech32m (taproot, BIP86): the kind of receive and change"
                    + " address handed out (default: bech32, or legacy for a wallet file made before segwit support)")
    String addressType;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Terminal terminal;

    public NakamotoWallet(Map<String, String> env, Terminal terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    /** The address type to hand out: --address-type, else the keychain's default; one the wallet has. */
    org.nakamoto.wallet.account.AddressType addressType(org.nakamoto.wallet.account.Keychain keys) {
        if (addressType == null) {
            return keys.defaultType();
        }
        org.nakamoto.wallet.account.AddressType t;
        try {
            t = org.nakamoto.wallet.account.AddressType.fromOption(addressType);
        } catch (IllegalArgumentException e) {
            throw new org.nakamoto.wallet.WalletException("--address-type: " + e.getMessage());
        }
        if (!keys.types().contains(t)) {
            // The missing account's key needs the seed (hardened derivation): only a new file can add it.
            throw new org.nakamoto.wallet.WalletException(t == org.nakamoto.wallet.account.AddressType.BECH32M
                    ? "this wallet file predates taproot and has no bech32m (BIP86) account; use another --address-type,"
                            + " or restore its mnemonic into a new wallet file"
                    : "this wallet file predates segwit and has no " + t
                            + " account; use --address-type legacy, or restore its mnemonic into a new wallet file");
        }
        return t;
    }

    /** Whether --address-type was given (send then uses it for change, as Core's -changetype). */
    boolean addressTypeGiven() {
        return addressType != null;
    }

    public static void main(String[] args) {
        // The script interpreter in chain logs through SLF4J; the wallet ships no logging backend, and
        // SLF4J's "no providers" notice on every run would only confuse people and scripts reading stderr.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(commandLine(System.getenv(), Terminal.system()).execute(args));
    }

    /** The configured command line; tests run it in-process with their own environment, terminal and writers. */
    public static CommandLine commandLine(Map<String, String> env, Terminal terminal) {
        CommandLine cl = new CommandLine(new NakamotoWallet(env, terminal));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof WalletException) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("error: internal failure: " + e);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try --help)");
    }

    /** The network: --network, else the wallet file's when --wallet names one that exists, else the default. */
    NetworkParams params() {
        String name = network;
        if (name == null && walletFile != null && Files.exists(walletFile)) {
            name = new WalletStore(walletFile).load().network();
        }
        try {
            return ParamsLoader.builtIn(name == null ? DEFAULT_NETWORK : name);
        } catch (ParamsException e) {
            throw new WalletException(e.getMessage());
        }
    }

    Path dataDir(NetworkParams params) {
        return dataDir != null ? dataDir : DataDirs.defaultFor(params.name());
    }

    WalletStore store(NetworkParams params) {
        return new WalletStore(walletFile != null ? walletFile : dataDir(params).resolve("wallet.json"));
    }

    /** --rpcpassword, else the first line of --rpcpassword-file, else $NAKAMOTO_RPCPASSWORD; null for the cookie. */
    private String rpcPassword() {
        if (rpcPassword != null) {
            return rpcPassword;
        }
        if (rpcPasswordFile != null) {
            try {
                // As nakamotod and nakamoto-cli read it (node's PasswordFile): the first line without its ending.
                List<String> lines = java.nio.file.Files.readAllLines(rpcPasswordFile);
                return lines.isEmpty() ? "" : lines.get(0);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new WalletException("--rpcpassword-file " + rpcPasswordFile + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        return env.get("NAKAMOTO_RPCPASSWORD");
    }

    NodeRpcClient rpc(NetworkParams params) {
        RpcCredentials creds = RpcCredentials.resolve(rpcUser != null ? rpcUser : env.get("NAKAMOTO_RPCUSER"),
                rpcPassword(), dataDir(params));
        return new NodeRpcClient(rpcHost, rpcPort != null ? rpcPort : params.rpcPort(), creds,
                Duration.ofSeconds(Math.max(1, rpcTimeoutSeconds)));
    }

    PasswordSource password() {
        return new PasswordSource(passwordFile, env, terminal);
    }

    Terminal terminal() {
        return terminal;
    }

    Output output() {
        return new Output(json, spec.commandLine().getOut());
    }
}
