package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.node.HostNames;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.rpc.ParamType;
import org.nakamoto.node.rpc.RpcCategory;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;
import org.nakamoto.node.rpc.RpcMethod;
import org.nakamoto.node.rpc.RpcParam;
import org.nakamoto.node.rpc.RpcRegistry;
import org.nakamoto.p2p.BanEntry;
import org.nakamoto.p2p.NetAddress;
import org.nakamoto.p2p.PeerInfo;
import org.nakamoto.p2p.wire.Protocol;

/**
 * Core's network category. Every call asks the network layer, which answers with a Vert.x Future on its
 * own context; the RPC worker thread waits for it (workers may block, event loops never do).
 */
final class NetworkRpc {
    /** nakamotod's version as Core reports its own (MMmmpp00). */
    static final int CLIENT_VERSION = 100;
    private final NodeContext ctx;

    NetworkRpc(NodeContext ctx) {
        this.ctx = ctx;
    }

    void register(RpcRegistry r) {
        r.register(method("getpeerinfo", "Returns data about each connected network peer as a json array of objects.")
                .result("[ { \"id\", \"addr\", \"network\", \"services\", \"servicesnames\", \"relaytxes\", \"lastsend\", \"lastrecv\", "
                        + "\"bytessent\", \"bytesrecv\", \"conntime\", \"timeoffset\", \"pingtime\", \"pingwait\", \"version\", \"subver\", "
                        + "\"inbound\", \"startingheight\", \"banscore\", \"synced_headers\", \"synced_blocks\", \"inflight\", "
                        + "\"connection_type\", \"bytessent_per_msg\", \"bytesrecv_per_msg\" }, ... ]")
                .example().handler(p -> peerInfo()).build());
        r.register(method("getconnectioncount", "Returns the number of connections to other nodes.")
                .result("n    (numeric) The connection count").example()
                .handler(p -> await(ctx.p2p().peerInfo()).size()).build());
        r.register(method("getnetworkinfo", "Returns an object containing various state info regarding P2P networking.")
                .result("{ \"version\", \"subversion\", \"protocolversion\", \"localservices\", \"localservicesnames\", \"localrelay\", "
                        + "\"timeoffset\", \"networkactive\", \"connections\", \"connections_in\", \"connections_out\", \"networks\", "
                        + "\"relayfee\", \"incrementalfee\", \"localaddresses\", \"warnings\", \"secp256k1\", \"secp256k1_library\" }\n"
                        + "secp256k1: \"native\" (libsecp256k1) or \"java\" (Bouncy Castle), the engine that checks signatures")
                .example().handler(p -> networkInfo()).build());
        r.register(method("addnode", "Attempts to add or remove a node from the addnode list.\n"
                + "Or try a connection to a node once.")
                .param(RpcParam.required("node", ParamType.STRING, "The address of the peer to connect to (host:port)"))
                .param(RpcParam.required("command", ParamType.STRING,
                        "'add' to add a node to the list, 'remove' to remove a node from the list, 'onetry' to try a connection to the node once"))
                .result("null    (json null)").example("\"192.168.0.6:8333\"", "\"onetry\"")
                .handler(p -> addNode(p.getString("node"), p.getString("command"))).build());
        r.register(method("disconnectnode", "Immediately disconnects from the specified peer node.\n"
                + "Strictly one out of 'address' and 'nodeid' can be provided to identify the node.")
                .param(RpcParam.optional("address", ParamType.STRING, null, "The IP address/port of the node"))
                .param(RpcParam.optional("nodeid", ParamType.NUMBER, null, "The node ID (see getpeerinfo for node IDs)"))
                .result("null    (json null)").example("\"192.168.0.6:8333\"")
                .handler(p -> disconnect(p.getString("address"), p.has("nodeid") ? p.getLong("nodeid") : null)).build());
        r.register(method("setban", "Attempts to add or remove an IP from the banned list.")
                .param(RpcParam.required("subnet", ParamType.STRING, "The IP (optionally with /32 or /128) to ban or unban"))
                .param(RpcParam.required("command", ParamType.STRING, "'add' to add an IP to the list, 'remove' to remove it"))
                .param(RpcParam.optional("bantime", ParamType.NUMBER, IntNode.valueOf(0),
                        "time in seconds how long (or until when if [absolute] is set) the IP is banned (0 or empty means using the default time of 24h)"))
                .param(RpcParam.optional("absolute", ParamType.BOOLEAN, BooleanNode.FALSE,
                        "If set, the bantime must be an absolute timestamp expressed in UNIX epoch time"))
                .result("null    (json null)").example("\"192.168.0.6\"", "\"add\"", "86400")
                .handler(p -> setBan(p.getString("subnet"), p.getString("command"), p.getLong("bantime"), p.getBoolean("absolute"))).build());
        r.register(method("listbanned", "List all manually banned IPs/Subnets.")
                .result("[ { \"address\", \"ban_created\", \"banned_until\", \"ban_duration\", \"time_remaining\" }, ... ]")
                .example().handler(p -> listBanned()).build());
        r.register(method("clearbanned", "Clear all banned IPs.")
                .result("null    (json null)").example()
                .handler(p -> {
                    await(ctx.p2p().clearBanned());
                    return null;
                }).build());
    }

    private static RpcMethod.Builder method(String name, String summary) {
        return RpcMethod.builder(name).category(RpcCategory.NETWORK).summary(summary);
    }

    static <T> T await(Future<T> f) throws RpcException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
                // The network layer's own refusals ("the p2p network is not started"): meant for the caller.
                throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, String.valueOf(cause.getMessage()));
            }
            // Anything else is a bug whose message may name classes (a NullPointerException's does): the
            // dispatcher logs it and answers a plain -32603.
            throw new IllegalStateException("network layer call failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "the network layer did not answer in time");
        }
    }

    private ArrayNode peerInfo() throws RpcException {
        ArrayNode out = Json.array();
        for (PeerInfo p : await(ctx.p2p().peerInfo())) {
            ObjectNode o = out.addObject();
            o.put("id", p.id());
            o.put("addr", p.address());
            o.put("network", network(p.address()));
            o.put("services", String.format("%016x", p.services()));
            o.set("servicesnames", servicesNames(p.services()));
            o.put("relaytxes", p.relayTxes());
            o.put("lastsend", p.lastSend() / 1000);
            o.put("lastrecv", p.lastReceive() / 1000);
            o.put("bytessent", p.bytesSent());
            o.put("bytesrecv", p.bytesReceived());
            o.put("conntime", p.connectedAt() / 1000);
            o.put("timeoffset", 0);
            if (p.pingMillis() >= 0) {
                o.put("pingtime", p.pingMillis() / 1000.0);
            }
            if (p.pingWaitMillis() >= 0) {
                o.put("pingwait", p.pingWaitMillis() / 1000.0);
            }
            o.put("version", p.version());
            o.put("subver", p.subver());
            o.put("inbound", p.inbound());
            o.put("startingheight", p.startHeight());
            o.put("banscore", p.banScore());
            o.put("synced_headers", p.syncedHeaders());
            o.put("synced_blocks", p.syncedHeaders());
            ArrayNode inflight = o.putArray("inflight");
            for (int i = 0; i < p.blocksInFlight(); i++) {
                inflight.add(-1); // heights are not tracked per request; the count is right
            }
            o.put("connection_type", p.connectionType());
            o.set("bytessent_per_msg", perMessage(p.bytesSentPerMessage()));
            o.set("bytesrecv_per_msg", perMessage(p.bytesReceivedPerMessage()));
        }
        return out;
    }

    private static ObjectNode perMessage(Map<String, Long> m) {
        ObjectNode o = Json.object();
        new java.util.TreeMap<>(m).forEach(o::put);
        return o;
    }

    private static ArrayNode servicesNames(long services) {
        ArrayNode a = Json.array();
        if ((services & 1) != 0) {
            a.add("NETWORK");
        }
        if ((services & 8) != 0) {
            a.add("WITNESS");
        }
        if ((services & 1024) != 0) {
            a.add("NETWORK_LIMITED");
        }
        return a;
    }

    private static String network(String addr) {
        return addr.startsWith("[") ? "ipv6" : "ipv4";
    }

    private ObjectNode networkInfo() throws RpcException {
        List<PeerInfo> peers = await(ctx.p2p().peerInfo());
        long in = peers.stream().filter(PeerInfo::inbound).count();
        long minRelay = ctx.mempool().policy().minRelayFeeSatPerKb();
        ObjectNode o = Json.object();
        o.put("version", CLIENT_VERSION);
        o.put("subversion", ctx.p2p().config().userAgent());
        o.put("protocolversion", Protocol.PROTOCOL_VERSION);
        o.put("localservices", String.format("%016x", ctx.p2p().config().services()));
        o.set("localservicesnames", servicesNames(ctx.p2p().config().services()));
        o.put("localrelay", ctx.p2p().config().relayTransactions());
        o.put("timeoffset", 0);
        o.put("networkactive", true);
        o.put("connections", peers.size());
        o.put("connections_in", in);
        o.put("connections_out", peers.size() - in);
        ArrayNode nets = o.putArray("networks");
        for (String n : List.of("ipv4", "ipv6")) {
            ObjectNode net = nets.addObject();
            net.put("name", n);
            net.put("limited", false);
            net.put("reachable", true);
            net.put("proxy", "");
            net.put("proxy_randomize_credentials", false);
        }
        o.put("relayfee", Json.coins(minRelay));
        o.put("incrementalfee", Json.coins(minRelay));
        ArrayNode local = o.putArray("localaddresses");
        NetAddress self = ctx.p2p().advertisedAddress();
        if (self != null) {
            ObjectNode a = local.addObject();
            a.put("address", self.host());
            a.put("port", self.port());
            a.put("score", 1);
        }
        o.put("warnings", "");
        // nakamoto's own: which secp256k1 engine checks signatures (libsecp256k1, or the Java fallback).
        o.put("secp256k1", SignatureEngines.active().name());
        o.put("secp256k1_library", SignatureEngines.active().description());
        return o;
    }

    private Object addNode(String node, String command) throws RpcException {
        NetAddress a = address(node);
        switch (command) {
            case "add" -> {
                if (!await(ctx.p2p().addNode(a))) {
                    throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_ALREADY_ADDED, "Error: Node already added");
                }
            }
            case "remove" -> {
                if (!await(ctx.p2p().removeNode(a))) {
                    throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_NOT_ADDED,
                            "Error: Node could not be removed. It has not been added previously.");
                }
            }
            case "onetry" -> ctx.p2p().connectOnce(a); // Core does not wait for the outcome either
            default -> throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    "Invalid command '" + command + "': expected add, remove or onetry");
        }
        return null;
    }

    private NetAddress address(String text) throws RpcException {
        // The text is echoed in errors: a shortened copy, so that a megabyte of it is not sent back.
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        NetAddress a;
        try {
            a = NetAddress.parse(text, ctx.params().defaultPort());
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid node address '" + shown + "': expected HOST:PORT");
        }
        String problem = HostNames.problem(a.host());
        if (problem != null) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid node address '" + shown + "': " + problem);
        }
        return a;
    }

    private Object disconnect(String address, Long nodeId) throws RpcException {
        boolean hasAddress = address != null && !address.isEmpty();
        if (hasAddress == (nodeId != null)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Only one of address and nodeid should be provided.");
        }
        boolean found = hasAddress ? await(ctx.p2p().disconnect(address(address))) > 0 : await(ctx.p2p().disconnect(nodeId));
        if (!found) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_NOT_CONNECTED, "Node not found in connected nodes");
        }
        return null;
    }

    private Object setBan(String subnet, String command, long banTime, boolean absolute) throws RpcException {
        String host = ip(subnet);
        if (command.equals("add")) {
            boolean already = await(ctx.p2p().listBanned()).stream().anyMatch(b -> b.host().equals(host));
            if (already) {
                throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_ALREADY_ADDED, "Error: IP/Subnet already banned");
            }
            if (banTime < 0) {
                // Deviation: Core takes a negative bantime as "the default"; a typo should not ban for 24 h.
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                        "Error: bantime must be 0 (the default of 24h) or a positive number of seconds, not " + banTime);
            }
            long now = System.currentTimeMillis() / 1000;
            long seconds = banTime == 0 ? ctx.p2p().config().banDuration().toSeconds() : absolute ? banTime - now : banTime;
            if (seconds <= 0) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Error: Absolute timestamp is in the past");
            }
            await(ctx.p2p().ban(host, Duration.ofSeconds(seconds), "manually added"));
            return null;
        }
        if (command.equals("remove")) {
            if (!await(ctx.p2p().unban(host))) {
                throw new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET,
                        "Error: Unban failed. Requested address/subnet was not previously manually banned.");
            }
            return null;
        }
        throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid command '" + command + "': expected add or remove");
    }

    /** An IP literal, with an optional single-host netmask (/32, /128); subnets are not supported. */
    private static String ip(String subnet) throws RpcException {
        String s = subnet.trim();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            String mask = s.substring(slash + 1);
            s = s.substring(0, slash);
            if (!mask.equals("32") && !mask.equals("128")) {
                throw new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET,
                        "Error: Invalid IP/Subnet (nakamoto bans single addresses: /32 or /128 only)");
            }
        }
        if (!s.matches("[0-9.]+") && !s.matches("[0-9a-fA-F:]+")) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet");
        }
        try {
            return InetAddress.getByName(s).getHostAddress(); // a literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet");
        }
    }

    private ArrayNode listBanned() throws RpcException {
        long now = System.currentTimeMillis() / 1000;
        ArrayNode out = Json.array();
        for (BanEntry b : await(ctx.p2p().listBanned())) {
            ObjectNode o = out.addObject();
            o.put("address", b.host() + (b.host().contains(":") ? "/128" : "/32"));
            o.put("ban_created", b.createdAt() / 1000);
            o.put("banned_until", b.bannedUntil() / 1000);
            o.put("ban_duration", (b.bannedUntil() - b.createdAt()) / 1000);
            o.put("time_remaining", Math.max(0, b.bannedUntil() / 1000 - now));
        }
        return out;
    }
}
