package org.nakamoto.node;

import org.nakamoto.chain.params.DataDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.chain.mempool.MempoolPolicy;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsException;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.rpc.PasswordFile;
import org.nakamoto.node.rpc.RpcLimits;
import org.nakamoto.p2p.NetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nakamotod}: the full node. Without a subcommand it runs until SIGTERM or the stop RPC;
 * {@code nakamotod [options] import FILE...} loads block files and exits.
 *
 * <p>Exit codes: 0 after a clean stop (stop RPC); 143 after SIGTERM (the JVM's 128 + 15, after the
 * shutdown hook has stopped the node cleanly); 1 for a bad option, a failure to start, or a stop the
 * store forced (Disk space is too low!, a damaged store), with a one-line message on stderr.
 */
@Command(name = "nakamotod", mixinStandardHelpOptions = true, sortOptions = false, version = "nakamotod 0.1.0",
        subcommands = ImportCommand.class,
        description = "The nakamoto full node: validates and stores the chain, talks to peers, mines, serves JSON-RPC.")
public final class Nakamotod implements Callable<Integer> {
    static final String DEFAULT_NETWORK = "testnet";
    static final String ENV_RPCUSER = "NAKAMOTO_RPCUSER";
    static final String ENV_RPCPASSWORD = "NAKAMOTO_RPCPASSWORD";

    /** The environment; a field so that tests can give their own. */
    Map<String, String> env = System.getenv();

    @Option(names = "--datadir", paramLabel = "DIR", description = "Data directory (default: ~/.nakamoto/<network>)")
    Path dataDir;

    @Option(names = "--network", paramLabel = "NAME",
            description = "testnet (the shipped genesis.json, default), regtest or mainnet")
    String network;

    @Option(names = "--params", paramLabel = "FILE", description = "Network parameters file instead of --network")
    Path paramsFile;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "P2P listening address (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container)")
    String bind;

    @Option(names = "--externalip", paramLabel = "HOST",
            description = "Address advertised to peers (default: --bind, or 127.0.0.1 when it is 0.0.0.0)")
    String externalIp;

    @Option(names = "--port", paramLabel = "PORT", description = "P2P port (default: the network's; 0: any free)")
    Integer port;

    @Option(names = "--rpcport", paramLabel = "PORT", description = "JSON-RPC port (default: the network's)")
    Integer rpcPort;

    @Option(names = "--rpcbind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "JSON-RPC listening address (default: ${DEFAULT-VALUE})")
    String rpcBind;

    @Option(names = "--rpcuser", paramLabel = "USER",
            description = "JSON-RPC user, with a password (default: $" + ENV_RPCUSER + ")")
    String rpcUser;

    @Option(names = "--rpcpassword-file", paramLabel = "FILE",
            description = "Read the JSON-RPC password from the first line of FILE (else $" + ENV_RPCPASSWORD
                    + "); without a password a cookie is written to <datadir>/.cookie (user __cookie__)")
    Path rpcPasswordFile;

    @Option(names = "--rpcpassword", paramLabel = "PW",
            description = "JSON-RPC password on the command line, where every local user sees it in ps: "
                    + "prefer --rpcpassword-file or $" + ENV_RPCPASSWORD)
    String rpcPassword;

    @Option(names = "--rpcservertimeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close an RPC connection that takes longer to send a complete request, idle ones "
                    + "included (Core's -rpcservertimeout; default: ${DEFAULT-VALUE})")
    int rpcServerTimeout;

    @Option(names = "--rpcmaxconnections", paramLabel = "N", defaultValue = "" + RpcLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Most open RPC connections; beyond it the oldest idle one not logged in is closed "
                    + "(default: ${DEFAULT-VALUE})")
    int rpcMaxConnections;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "Connect only to this peer (repeatable)")
    List<String> connect = new ArrayList<>();

    @Option(names = "--addnode", paramLabel = "HOST:PORT", description = "Keep a connection to this peer (repeatable)")
    List<String> addNodes = new ArrayList<>();

    @Option(names = "--dial-learned-addresses",
            description = "Also dial non-loopback addresses learned from peers (default: only loopback ones)")
    boolean dialLearnedAddresses;

    @Option(names = "--maxconnections", paramLabel = "N", defaultValue = "125",
            description = "Most peer connections; up to 8 outbound, the rest inbound (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--mine", description = "Mine blocks, paying --mine-to or else a key kept in <datadir>/miner.key")
    boolean mine;

    @Option(names = "--miner-threads", paramLabel = "N",
            description = "Mining threads (default: one per available processor)")
    Integer minerThreadsOption;

    @Option(names = "--mine-to", paramLabel = "ADDRESS", description = "Address the mined coins are paid to")
    String mineTo;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://METRICS-BIND:PORT/metrics (default: off)")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Metrics listening address (default: ${DEFAULT-VALUE})")
    String metricsBind;

    @Option(names = "--reindex",
            description = "Rebuild the block index and UTXO set from the stored blocks (after damage), then run")
    boolean reindex;

    @Option(names = "--checkblocks", paramLabel = "N", defaultValue = "6",
            description = "Blocks whose bodies and undo data the start-up check verifies, 0 for all, with every"
                    + " coin (default: ${DEFAULT-VALUE})")
    int checkBlocks;

    @Option(names = "--acceptnonstdtxn", paramLabel = "0|1", arity = "0..1", fallbackValue = "1",
            converter = CoreBool.class,
            description = "Relay and mine non-standard transactions (Core's -acceptnonstdtxn; test networks only;"
                    + " default: 0)")
    boolean acceptNonStdTxn;

    @Option(names = "--datacarrier", paramLabel = "0|1", arity = "0..1", fallbackValue = "1",
            converter = CoreBool.class, defaultValue = "1",
            description = "Relay and mine transactions with OP_RETURN (data carrier) outputs (default: 1)")
    boolean datacarrier;

    @Option(names = "--datacarriersize", paramLabel = "BYTES",
            defaultValue = "" + MempoolPolicy.MAX_OP_RETURN_RELAY,
            description = "Most scriptPubKey bytes of all OP_RETURN outputs of one relayed transaction together"
                    + " (default: ${DEFAULT-VALUE})")
    long datacarrierSize;

    @Option(names = "--permitbaremultisig", paramLabel = "0|1", arity = "0..1", fallbackValue = "1",
            converter = CoreBool.class, defaultValue = "1",
            description = "Relay transactions creating bare multisig outputs, up to 3 keys (default: 1)")
    boolean permitBareMultisig;

    @Option(names = "--dustrelayfee", paramLabel = "BTC/kvB",
            description = "Fee rate at which spending an output costs more than it is worth: below it the output is"
                    + " dust (Core's -dustrelayfee; default: 0.00003)")
    String dustRelayFee;

    @Option(names = "--secp256k1", paramLabel = "ENGINE",
            description = "Signature engine: auto (libsecp256k1 if it loads, else Java; default), native or java")
    String secp256k1;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Nakamotod());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("nakamotod: " + ex.getMessage() + " (see --help)");
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("nakamotod: " + oneLine(ex));
            return 1;
        });
        return cl;
    }

    private static String oneLine(Exception ex) {
        String m = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        return m.replace('\n', ' ');
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig config = config();
        Node.createDataDir(config);
        DebugLog.attach(config.dataDir());
        Logger log = LoggerFactory.getLogger(Nakamotod.class);
        SignatureEngines.Selection engine = selectSignatureEngine();
        log.info("nakamotod starting: network={} datadir={} secp256k1={}", config.params().name(), config.dataDir(),
                engine.engine().name());
        Node node = Node.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "shutdown"));
        node.awaitStopped();
        if (node.fatalError() != null) { // stopped because the store failed: say why, exit 1
            System.err.println("nakamotod: " + node.fatalError());
            return 1;
        }
        return 0;
    }

    /**
     * Chooses the signature engine before anything verifies: --secp256k1 overrides the system property
     * of the same name. The choice is logged (a warning when the native library would not load).
     */
    SignatureEngines.Selection selectSignatureEngine() {
        if (secp256k1 != null) {
            System.setProperty(SignatureEngines.PROPERTY, secp256k1);
        }
        try {
            SignatureEngines.Selection s = SignatureEngines.selection();
            if (secp256k1 != null && !s.requested().equals(secp256k1.trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new ConfigException("--secp256k1 " + secp256k1 + ": the engine was already chosen (" + s.requested() + ")");
            }
            return s;
        } catch (IllegalArgumentException | IllegalStateException | ExceptionInInitializerError e) {
            Throwable cause = e instanceof ExceptionInInitializerError x && x.getCause() != null ? x.getCause() : e;
            throw new ConfigException("--secp256k1: " + cause.getMessage());
        }
    }

    /** The parameters of --params or --network (testnet by default). */
    NetworkParams params() {
        if (paramsFile != null && network != null) {
            throw new ConfigException("use either --network or --params, not both");
        }
        try {
            return paramsFile != null ? ParamsLoader.load(paramsFile)
                    : ParamsLoader.builtIn(network != null ? network : DEFAULT_NETWORK);
        } catch (ParamsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    Path dataDir(NetworkParams params) {
        return dataDir != null ? dataDir
                : DataDirs.defaultFor(params.name());
    }

    NodeConfig config() {
        NetworkParams params = params();
        int p2pPort = port(port, "--port", params.defaultPort());
        int rpc = port(rpcPort, "--rpcport", params.rpcPort());
        int metrics = metricsPort == null ? -1 : port(metricsPort, "--metrics-port", 0);
        String user = rpcUser != null ? rpcUser : env.get(ENV_RPCUSER);
        String password = rpcPassword();
        if ((user != null) != (password != null) || (password != null && password.isEmpty())) {
            throw new ConfigException("an RPC user (--rpcuser or $" + ENV_RPCUSER + ") and password (--rpcpassword-file, $"
                    + ENV_RPCPASSWORD + " or --rpcpassword) go together, and the password must not be empty");
        }
        if (rpcServerTimeout < 1 || rpcServerTimeout > 86_400) {
            throw new ConfigException("--rpcservertimeout must be between 1 and 86400 seconds, not " + rpcServerTimeout);
        }
        if (rpcMaxConnections < 1 || rpcMaxConnections > 10_000) {
            throw new ConfigException("--rpcmaxconnections must be between 1 and 10000, not " + rpcMaxConnections);
        }
        RpcLimits limits = RpcLimits.DEFAULT.withRequestTimeout(Duration.ofSeconds(rpcServerTimeout))
                .withMaxConnections(rpcMaxConnections);
        if (checkBlocks < 0) {
            throw new ConfigException("--checkblocks must be 0 (all) or more, not " + checkBlocks);
        }
        if (maxConnections < 0) {
            throw new ConfigException("--maxconnections must be 0 or more, not " + maxConnections);
        }
        int minerThreads = minerThreadsOption != null ? minerThreadsOption : Runtime.getRuntime().availableProcessors();
        if (minerThreads < 1 || minerThreads > 1024) {
            throw new ConfigException("--miner-threads must be between 1 and 1024, not " + minerThreads);
        }
        MinePayout payout = null;
        if (mineTo != null) {
            try {
                Addresses.Destination d = Addresses.parse(mineTo, params);
                payout = new MinePayout(Addresses.of(d.scriptPubKey(), params).orElse(mineTo), d.scriptPubKey());
            } catch (ParseException e) {
                throw new ConfigException("--mine-to: '" + mineTo + "' is not a " + params.name() + " address: "
                        + e.getMessage());
            }
        }
        if (mine && payout == null) {
            try {
                Address key = MiningKey.loadOrCreate(dataDir(params), params);
                payout = new MinePayout(key.toString(), key.scriptPubKey());
            } catch (java.io.IOException e) {
                throw new ConfigException("--mine without --mine-to: " + e.getMessage());
            }
        }
        MempoolPolicy policy = mempoolPolicy(params);
        String advertise = externalIp != null ? externalIp : "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
        return new NodeConfig(params, dataDir(params), bind, advertise, p2pPort, rpc, rpcBind, user, password,
                peers(connect, "--connect", params), peers(addNodes, "--addnode", params), maxConnections,
                mine, minerThreads, payout, metricsBind, metrics, dialLearnedAddresses, reindex, checkBlocks,
                limits, policy);
    }

    /** Core's mempool_args.cpp: the relay policy options, checked against the network. */
    MempoolPolicy mempoolPolicy(NetworkParams params) {
        if (acceptNonStdTxn && "mainnet".equals(params.name())) {
            // Core's wording and chain name (GetChainTypeString: "main"); every other network is a test one.
            throw new ConfigException("acceptnonstdtxn is not currently supported for main chain");
        }
        if (datacarrierSize < 0 || datacarrierSize > Integer.MAX_VALUE) {
            throw new ConfigException("--datacarriersize must be 0 or more bytes, not " + datacarrierSize);
        }
        long dust = MempoolPolicy.DUST_RELAY_TX_FEE;
        if (dustRelayFee != null) {
            try {
                dust = new java.math.BigDecimal(dustRelayFee.trim()).movePointRight(8).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                dust = -1;
            }
            if (dust < 0 || dust > 21_000_000L * 100_000_000L) {
                throw new ConfigException("Invalid amount for -dustrelayfee=<amount>: '" + dustRelayFee + "'");
            }
        }
        return MempoolPolicy.DEFAULT.withRequireStandard(!acceptNonStdTxn)
                .withMaxDatacarrierBytes(datacarrier ? (int) datacarrierSize : 0)
                .withPermitBareMultisig(permitBareMultisig)
                .withDustRelayFee(dust);
    }

    /** Core's boolean option values: 1 or 0 (and true or false), so --acceptnonstdtxn=1 reads as in Core. */
    static final class CoreBool implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "1", "true" -> true;
                case "0", "false" -> false;
                default -> throw new CommandLine.TypeConversionException("expected 0 or 1, not '" + value + "'");
            };
        }
    }

    /** One source at most: --rpcpassword, --rpcpassword-file or the environment, in that order; null for none. */
    private String rpcPassword() {
        if (rpcPassword != null && rpcPasswordFile != null) {
            throw new ConfigException("use either --rpcpassword or --rpcpassword-file, not both");
        }
        if (rpcPassword != null) {
            return rpcPassword;
        }
        if (rpcPasswordFile != null) {
            try {
                return PasswordFile.read(rpcPasswordFile);
            } catch (IOException e) {
                throw new ConfigException("--rpcpassword-file " + rpcPasswordFile + ": " + e.getMessage());
            }
        }
        return env.get(ENV_RPCPASSWORD);
    }

    private static int port(Integer given, String option, int dflt) {
        int p = given == null ? dflt : given;
        if (p < 0 || p > 65535) {
            throw new ConfigException(option + " must be a port number 0..65535, not " + p);
        }
        return p;
    }

    private static List<NetAddress> peers(List<String> texts, String option, NetworkParams params) {
        List<NetAddress> out = new ArrayList<>();
        for (String t : texts) {
            NetAddress a;
            try {
                a = NetAddress.parse(t, params.defaultPort());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(option + " " + t + ": expected HOST:PORT (" + e.getMessage() + ")");
            }
            String problem = HostNames.problem(a.host());
            if (problem != null) {
                throw new ConfigException(option + ": " + problem);
            }
            out.add(a);
        }
        return out;
    }

    /** A bad option value: printed as one line, exit code 1. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }
}
