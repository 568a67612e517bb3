package org.nakamoto.p2p.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * The first message each side sends. {@code relay} is the BIP37 flag: absent in old peers' messages, and
 * then treated as true, as Core does; it is kept as absent so that such a message re-encodes byte for byte.
 *
 * <p>The user agent is kept as a byte string (ISO-8859-1, one char per byte) so any bytes a peer sends
 * round-trip unchanged; Core treats it the same way and only sanitises it for display.
 *
 * <p>Decoding tolerates bytes after the last field, as Core does: it reads the fields it knows and ignores
 * the rest, which is how new fields (relay, BIP37) were added without breaking old nodes. Core also treats
 * every field after addr_recv as optional; only peers older than protocol 106 omit them and Core refuses
 * peers below 31800, so this decoder requires all fields up to start_height.
 */
public record VersionMessage(int version, long services, long timestamp, PeerAddress receiver,
        PeerAddress sender, long nonce, String userAgent, int startHeight, Optional<Boolean> relay)
        implements Message {
    public static final String COMMAND = "version";
    /** Core's MAX_SUBVERSION_LENGTH. */
    public static final int MAX_USER_AGENT_LENGTH = 256;
    /** Every field at its largest: 4+8+8+26+26+8 + (3+256) + 4 + 1 = 344 bytes. */
    public static final int MAX_KNOWN_FIELDS = 4 + 8 + 8 + 2 * PeerAddress.SIZE + 8 + 3 + MAX_USER_AGENT_LENGTH + 4 + 1;
    /**
     * Room for fields a newer protocol might append. Core bounds version only by the 4 MB message cap;
     * 1,000 bytes is ample for real messages and keeps a pre-handshake peer from making us buffer megabytes.
     */
    public static final int MAX_PAYLOAD = 1_000;
    /** Bit 0 of services: a full node serving the whole chain. */
    public static final long NODE_NETWORK = 1;
    /** BIP144: serves blocks and transactions with their witnesses. */
    public static final long NODE_WITNESS = 1 << 3;

    public VersionMessage {
        if (receiver == null || sender == null || userAgent == null || relay == null) {
            throw new IllegalArgumentException("version message fields are required (relay may be Optional.empty())");
        }
        if (userAgent.length() > MAX_USER_AGENT_LENGTH) {
            throw new IllegalArgumentException("user agent longer than " + MAX_USER_AGENT_LENGTH + " bytes");
        }
        for (int i = 0; i < userAgent.length(); i++) {
            if (userAgent.charAt(i) > 0xff) {
                throw new IllegalArgumentException("user agent must be a byte string (chars up to U+00FF)");
            }
        }
    }

    /** Whether the peer wants transactions relayed to it: an absent flag means yes. */
    public boolean relaysTransactions() {
        return relay.orElse(true);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static VersionMessage read(ByteReader r) throws WireException {
        int version = r.readInt32LE();
        long services = r.readInt64LE();
        long timestamp = r.readInt64LE();
        PeerAddress receiver = PeerAddress.read(r);
        PeerAddress sender = PeerAddress.read(r);
        long nonce = r.readInt64LE();
        long uaLength = r.readCompactSize();
        if (uaLength > MAX_USER_AGENT_LENGTH) {
            throw new WireException(WireError.MALFORMED_PAYLOAD,
                    "user agent of " + uaLength + " bytes exceeds " + MAX_USER_AGENT_LENGTH);
        }
        String userAgent = new String(r.readBytes((int) uaLength), StandardCharsets.ISO_8859_1);
        int startHeight = r.readInt32LE();
        // Core reads a bool as one byte, any non-zero value meaning true.
        Optional<Boolean> relay = r.hasRemaining() ? Optional.of(r.readUint8() != 0) : Optional.empty();
        return new VersionMessage(version, services, timestamp, receiver, sender, nonce, userAgent, startHeight,
                relay);
    }

    @Override
    public void writePayload(ByteWriter w) {
        w.writeInt32LE(version);
        w.writeInt64LE(services);
        w.writeInt64LE(timestamp);
        receiver.write(w);
        sender.write(w);
        w.writeInt64LE(nonce);
        w.writeVarBytes(userAgent.getBytes(StandardCharsets.ISO_8859_1));
        w.writeInt32LE(startHeight);
        relay.ifPresent(flag -> w.writeUint8(flag ? 1 : 0));
    }
}
