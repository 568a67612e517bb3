package org.nakamoto.p2p.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * A network address without time, as in the version message: services (uint64 LE), a 16-byte IPv6
 * address (IPv4 as ::ffff:a.b.c.d) and the port in network (big-endian) order.
 *
 * <p>The JDK turns an IPv4-mapped address into an {@link Inet4Address}, and this class maps it back when
 * writing, so every 16-byte value round-trips exactly.
 */
public record PeerAddress(long services, InetAddress address, int port) {
    public static final int SIZE = 8 + 16 + 2;
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    public PeerAddress {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The IPv4 0.0.0.0 with port 0 and no services: what nodes send when they do not know an address. */
    public static PeerAddress unspecified(long services) {
        return new PeerAddress(services, fromBytes(new byte[4]), 0);
    }

    public static PeerAddress read(ByteReader r) {
        long services = r.readInt64LE();
        InetAddress address = fromBytes(r.readBytes(16));
        return new PeerAddress(services, address, r.readUint16BE());
    }

    public void write(ByteWriter w) {
        w.writeInt64LE(services);
        w.writeBytes(ipv6Bytes(address));
        w.writeUint16BE(port);
    }

    /** The 16-byte wire form of an address. */
    static byte[] ipv6Bytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        System.arraycopy(IPV4_MAPPED_PREFIX, 0, mapped, 0, IPV4_MAPPED_PREFIX.length);
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static InetAddress fromBytes(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // no name lookup: the bytes are the address
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address was refused", e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + ":" + port + " (services " + Long.toHexString(services) + ")";
    }
}
