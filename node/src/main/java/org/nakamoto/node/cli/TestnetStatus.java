package org.nakamoto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.nakamoto.node.rpc.RpcJson;

/**
 * {@code bin/testnet status}: one line per node of a local testnet (height, tip, peers, mempool, hash
 * rate) and whether they all share one tip. Reads each node's RPC port and cookie from the directory
 * {@code bin/testnet up} made. Exit code 0 when every node answered and all are on one tip, 3 when they
 * answered but disagree, 1 when a node did not answer or the directory is not a testnet.
 */
public final class TestnetStatus {
    private TestnetStatus() {
    }

    record Row(String name, long height, String tip, int in, int out, int mempool, double hashRate, boolean mining,
            String error) {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: TestnetStatus TESTNET_DIR");
            System.exit(1);
        }
        System.exit(run(Path.of(args[0])));
    }

    static int run(Path dir) {
        List<Path> nodes;
        try (Stream<Path> s = Files.list(dir)) {
            nodes = s.filter(p -> p.getFileName().toString().startsWith("node") && Files.exists(p.resolve("rpcport")))
                    .sorted().toList();
        } catch (IOException e) {
            System.err.println("testnet: no testnet in " + dir + " (" + e.getMessage() + "); start one with bin/testnet up N");
            return 1;
        }
        if (nodes.isEmpty()) {
            System.err.println("testnet: no nodes in " + dir + "; start some with bin/testnet up N");
            return 1;
        }
        List<Row> rows = new ArrayList<>();
        for (Path n : nodes) {
            rows.add(query(n));
        }
        System.out.printf("%-7s %7s  %-18s %6s %7s %12s  %s%n", "node", "height", "tip", "in/out", "mempool", "hashrate", "mining");
        Set<String> tips = new HashSet<>();
        boolean allAnswered = true;
        for (Row r : rows) {
            if (r.error != null) {
                allAnswered = false;
                System.out.printf("%-7s %s%n", r.name, "not answering: " + r.error);
                continue;
            }
            tips.add(r.tip);
            System.out.printf("%-7s %7d  %-18s %6s %7d %12s  %s%n", r.name, r.height, r.tip.substring(0, 16) + "..",
                    r.in + "/" + r.out, r.mempool, rate(r.hashRate), r.mining ? "yes" : "no");
        }
        if (!allAnswered) {
            System.out.println("not every node answered");
            return 1;
        }
        if (tips.size() == 1) {
            Row r = rows.get(0);
            System.out.printf("all %d nodes on one tip: %s at height %d%n", rows.size(), r.tip, r.height);
            return 0;
        }
        System.out.printf("nodes disagree: %d different tips%n", tips.size());
        return 3;
    }

    private static Row query(Path nodeDir) {
        String name = nodeDir.getFileName().toString();
        try {
            int port = Integer.parseInt(Files.readString(nodeDir.resolve("rpcport"), StandardCharsets.US_ASCII).trim());
            String cookie = Files.readString(nodeDir.resolve(".cookie"), StandardCharsets.US_ASCII).trim();
            RpcClient rpc = new RpcClient("127.0.0.1", port, Duration.ofSeconds(5));
            JsonNode info = result(rpc.call("getblockchaininfo", RpcJson.MAPPER.createArrayNode(), cookie));
            JsonNode peers = result(rpc.call("getpeerinfo", RpcJson.MAPPER.createArrayNode(), cookie));
            JsonNode pool = result(rpc.call("getmempoolinfo", RpcJson.MAPPER.createArrayNode(), cookie));
            JsonNode mining = result(rpc.call("getmininginfo", RpcJson.MAPPER.createArrayNode(), cookie));
            int in = 0;
            int out = 0;
            for (JsonNode p : peers) {
                if (p.path("inbound").asBoolean()) {
                    in++;
                } else {
                    out++;
                }
            }
            return new Row(name, info.path("blocks").asLong(), info.path("bestblockhash").asText(), in, out,
                    pool.path("size").asInt(), mining.path("hashespersec").asDouble(), mining.path("generate").asBoolean(), null);
        } catch (IOException | RuntimeException e) {
            return new Row(name, 0, "", 0, 0, 0, 0, false, e.getMessage());
        } catch (CliException e) {
            return new Row(name, 0, "", 0, 0, 0, 0, false, e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode result(JsonNode reply) throws CliException {
        JsonNode err = reply.get("error");
        if (err != null && !err.isNull()) {
            throw new CliException(err.path("message").asText(), false);
        }
        return reply.path("result");
    }

    private static String rate(double h) {
        if (h >= 1e6) {
            return String.format(Locale.ROOT, "%.2f MH/s", h / 1e6);
        }
        if (h >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kH/s", h / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f H/s", h);
    }
}
