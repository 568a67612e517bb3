package org.nakamoto.p2p;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host and port to dial or that a peer advertised. The host is kept as given (an IP literal in
 * everything learned from the network; configuration may name a host, which Vert.x resolves without
 * blocking when it dials).
 */
public record NetAddress(String host, int port) {
    public NetAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port <= 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** "host:port", "[v6]:port", or "host" with {@code defaultPort}. */
    public static NetAddress parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced [ in " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new NetAddress(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort);
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            return new NetAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }
        return new NetAddress(s, defaultPort);
    }

    /** True for an IP literal in 127.0.0.0/8 or ::1, and for "localhost". */
    public boolean isLoopback() {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        InetAddress a = literal();
        return a != null && a.isLoopbackAddress();
    }

    /** The address when the host is an IP literal, else null; never does a name lookup. */
    public InetAddress literal() {
        if (!isIpLiteral(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.matches("[0-9a-fA-F:.]+");
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
