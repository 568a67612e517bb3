package org.nakamoto.p2p;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.params.NetworkParams;

/**
 * A minimal Bitcoin peer written from the protocol documentation (developer reference, "P2P Network")
 * with none of this project's wire classes: it frames, encodes and parses bytes by hand over a plain
 * blocking socket. It plays the foreign node in interoperability tests and the attacker in misbehaviour
 * tests. Hashes are kept in internal (wire) byte order.
 */
final class RawPeer implements AutoCloseable {
    record Msg(String command, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] magic;

    private RawPeer(Socket socket, byte[] magic) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.magic = magic;
    }

    static RawPeer connect(int port, NetworkParams params) throws IOException {
        return connectFrom("127.0.0.1", port, params);
    }

    /**
     * Connects to the node on 127.0.0.1 from source address {@code fromHost}, another loopback address
     * such as 127.0.0.2 (Linux routes all of 127.0.0.0/8 to lo), so a ban of this client's IP leaves
     * peers on 127.0.0.1 alone.
     */
    static RawPeer connectFrom(String fromHost, int port, NetworkParams params) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(fromHost, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return new RawPeer(s, params.magicBytes());
    }

    /** Waits for the node to dial {@code server} (a listener on 127.0.0.1) and wraps that connection. */
    static RawPeer accept(ServerSocket server, NetworkParams params) throws IOException {
        server.setSoTimeout(10_000);
        Socket s = server.accept();
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return new RawPeer(s, params.magicBytes());
    }

    // ---- framing (24-byte header: magic, command[12], length LE32, checksum = sha256d(payload)[0..4])

    void send(String command, byte[] payload) throws IOException {
        sendBytes(frame(magic, command, payload));
    }

    static byte[] frame(byte[] magic, String command, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(magic);
        b.writeBytes(Arrays.copyOf(command.getBytes(StandardCharsets.US_ASCII), 12));
        b.writeBytes(le32(payload.length));
        b.writeBytes(Arrays.copyOf(sha256d(payload), 4));
        b.writeBytes(payload);
        return b.toByteArray();
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Msg read() throws IOException {
        byte[] header = new byte[24];
        in.readFully(header);
        if (!Arrays.equals(Arrays.copyOf(header, 4), magic)) {
            throw new IOException("bad magic from node");
        }
        int end = 4;
        while (end < 16 && header[end] != 0) {
            end++;
        }
        String command = new String(header, 4, end - 4, StandardCharsets.US_ASCII);
        int length = (header[16] & 0xff) | (header[17] & 0xff) << 8 | (header[18] & 0xff) << 16 | (header[19] & 0xff) << 24;
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (!Arrays.equals(Arrays.copyOfRange(header, 20, 24), Arrays.copyOf(sha256d(payload), 4))) {
            throw new IOException("bad checksum from node on " + command);
        }
        return new Msg(command, payload);
    }

    /** Reads until a message with {@code command} arrives, answering pings on the way. */
    Msg expect(String command) throws IOException {
        while (true) {
            Msg m = read();
            if (m.command().equals(command)) {
                return m;
            }
            if (m.command().equals("ping")) {
                send("pong", m.payload());
            }
        }
    }

    // ---- handshake

    void handshake(int startHeight) throws IOException {
        handshake(70016, startHeight);
    }

    /** Sends our version, waits for the node's version and verack, and acknowledges it. */
    VersionInfo handshake(int protocolVersion, int startHeight) throws IOException {
        return handshake(protocolVersion, startHeight, 9);
    }

    /** As above, signalling {@code services} (9 = NODE_NETWORK | NODE_WITNESS; 1 = a pre-segwit peer). */
    VersionInfo handshake(int protocolVersion, int startHeight, long services) throws IOException {
        send("version", version(protocolVersion, startHeight, services));
        VersionInfo theirs = null;
        boolean verack = false;
        while (theirs == null || !verack) {
            Msg m = read();
            if (m.command().equals("version")) {
                theirs = VersionInfo.parse(m.payload());
                send("verack", new byte[0]);
            } else if (m.command().equals("verack")) {
                verack = true;
            }
        }
        return theirs;
    }

    /** The fields of a version message this client cares about. */
    record VersionInfo(int version, long services, long nonce, String userAgent, int startHeight) {
        static VersionInfo parse(byte[] p) {
            int version = readLe32(p, 0);
            long services = readLe64(p, 4);
            // timestamp (8), addr_recv (26), addr_from (26)
            int at = 4 + 8 + 8 + 26 + 26;
            long nonce = readLe64(p, at);
            at += 8;
            int uaLen = p[at] & 0xff; // user agents here are < 0xfd bytes: a one-byte CompactSize
            at += 1;
            String ua = new String(p, at, uaLen, StandardCharsets.ISO_8859_1);
            at += uaLen;
            return new VersionInfo(version, services, nonce, ua, readLe32(p, at));
        }
    }

    static byte[] version(int protocolVersion, int startHeight) {
        return version(protocolVersion, startHeight, 9);
    }

    static byte[] version(int protocolVersion, int startHeight, long services) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le32(protocolVersion));
        b.writeBytes(le64(services)); // by default NODE_NETWORK and NODE_WITNESS (it parses either block form)
        b.writeBytes(le64(System.currentTimeMillis() / 1000));
        b.writeBytes(netAddr(new byte[] {127, 0, 0, 1}, 0)); // addr_recv
        b.writeBytes(netAddr(new byte[] {0, 0, 0, 0}, 0)); // addr_from
        b.writeBytes(le64(0x1234_5678_9abc_def0L)); // nonce
        byte[] ua = "/rawpeer:0.1/".getBytes(StandardCharsets.US_ASCII);
        b.write(ua.length);
        b.writeBytes(ua);
        b.writeBytes(le32(startHeight));
        b.write(0); // relay: no transactions, please
        return b.toByteArray();
    }

    /** services (8), IPv4-mapped IPv6 (16), port big-endian (2). */
    private static byte[] netAddr(byte[] ipv4, int port) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le64(0));
        b.writeBytes(new byte[10]);
        b.write(0xff);
        b.write(0xff);
        b.writeBytes(ipv4);
        b.write(port >> 8);
        b.write(port);
        return b.toByteArray();
    }

    // ---- requests

    /** getheaders: version, CompactSize count, locator hashes, stop hash. */
    static byte[] getHeaders(int protocolVersion, List<byte[]> locator, byte[] stop) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le32(protocolVersion));
        b.write(locator.size());
        locator.forEach(b::writeBytes);
        b.writeBytes(stop);
        return b.toByteArray();
    }

    /** getdata / inv: CompactSize count, then (type LE32, hash) entries. */
    static byte[] inventory(int type, List<byte[]> hashes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeCompactSize(b, hashes.size());
        for (byte[] h : hashes) {
            b.writeBytes(le32(type));
            b.writeBytes(h);
        }
        return b.toByteArray();
    }

    /** addr: CompactSize count, then (time LE32, services LE64, IPv4-mapped IPv6, port BE16) entries. */
    static byte[] addr(List<byte[]> ipv4s, int port) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeCompactSize(b, ipv4s.size());
        for (byte[] ip : ipv4s) {
            b.writeBytes(le32((int) (System.currentTimeMillis() / 1000)));
            b.writeBytes(netAddr(ip, port));
        }
        return b.toByteArray();
    }

    /** The 80-byte headers of a headers message (each followed by a zero transaction count). */
    static List<byte[]> parseHeaders(byte[] payload) {
        int[] at = {0};
        long n = readCompactSize(payload, at);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Arrays.copyOfRange(payload, at[0], at[0] + 80));
            at[0] += 80;
            readCompactSize(payload, at);
        }
        return out;
    }

    /** One header: version, prev hash, merkle root, time, bits, nonce. */
    static byte[] header(int version, byte[] prev, byte[] merkle, long time, long bits, long nonce) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le32(version));
        b.writeBytes(prev);
        b.writeBytes(merkle);
        b.writeBytes(le32((int) time));
        b.writeBytes(le32((int) bits));
        b.writeBytes(le32((int) nonce));
        return b.toByteArray();
    }

    /** The commands of the messages that arrive within {@code window} (pings answered). */
    List<String> commandsWithin(Duration window) throws IOException {
        List<String> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + window.toMillis();
        try {
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                Msg m = read();
                seen.add(m.command());
                if (m.command().equals("ping")) {
                    send("pong", m.payload());
                }
            }
        } catch (SocketTimeoutException e) {
            // the window is over
        } finally {
            socket.setSoTimeout(10_000);
        }
        return seen;
    }

    /** True if the node closes the connection within {@code timeout}. */
    boolean isClosedByRemote(Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try {
            socket.setSoTimeout(200);
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // keep waiting
                }
            }
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    // ---- little helpers

    static byte[] sha256d(byte[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return md.digest(md.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hash in display order (byte-reversed) as hex, to compare with the project's Hash256.toString(). */
    static String display(byte[] internal) {
        StringBuilder sb = new StringBuilder();
        for (int i = internal.length - 1; i >= 0; i--) {
            sb.append(String.format("%02x", internal[i] & 0xff));
        }
        return sb.toString();
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >> (8 * i));
        }
        return b;
    }

    static int readLe32(byte[] p, int at) {
        return (p[at] & 0xff) | (p[at + 1] & 0xff) << 8 | (p[at + 2] & 0xff) << 16 | (p[at + 3] & 0xff) << 24;
    }

    static long readLe64(byte[] p, int at) {
        return (readLe32(p, at) & 0xffffffffL) | ((long) readLe32(p, at + 4)) << 32;
    }

    static void writeCompactSize(ByteArrayOutputStream b, long n) {
        if (n < 0xfd) {
            b.write((int) n);
        } else if (n <= 0xffff) {
            b.write(0xfd);
            b.write((int) n);
            b.write((int) (n >> 8));
        } else {
            b.write(0xfe);
            b.writeBytes(le32((int) n));
        }
    }

    static long readCompactSize(byte[] p, int[] at) {
        int first = p[at[0]++] & 0xff;
        if (first < 0xfd) {
            return first;
        }
        if (first == 0xfd) {
            int v = (p[at[0]] & 0xff) | (p[at[0] + 1] & 0xff) << 8;
            at[0] += 2;
            return v;
        }
        if (first == 0xfe) {
            long v = readLe32(p, at[0]) & 0xffffffffL;
            at[0] += 4;
            return v;
        }
        long v = readLe64(p, at[0]);
        at[0] += 8;
        return v;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
