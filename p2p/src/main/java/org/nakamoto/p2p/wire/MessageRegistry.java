package org.nakamoto.p2p.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ParseException;

/**
 * Maps each command to its decoder and maximum payload. The limit is checked before decoding, and a
 * payload must be consumed to its last byte, except version's (see {@link VersionMessage}). Commands not
 * registered decode to {@link UnknownMessage}, capped only by the protocol maximum.
 *
 * <p>Also serves as the {@link PayloadLimits} of a {@link FrameDecoder}, so an oversized frame is refused
 * from its header alone. Immutable and thread-safe.
 */
public final class MessageRegistry implements PayloadLimits {
    /** Reads one message's fields from its payload. */
    @FunctionalInterface
    public interface Decoder {
        Message decode(ByteReader payload) throws WireException;
    }

    private record Entry(int maxPayload, boolean ignoresTrailingBytes, Decoder decoder) {
    }

    private static final MessageRegistry STANDARD = new MessageRegistry();

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private MessageRegistry() {
        // Core ignores bytes after the version fields it knows: later protocol versions append fields.
        entries.put(VersionMessage.COMMAND, new Entry(VersionMessage.MAX_PAYLOAD, true, VersionMessage::read));
        strict(VerackMessage.COMMAND, VerackMessage.MAX_PAYLOAD, VerackMessage::read);
        strict(PingMessage.COMMAND, PingMessage.MAX_PAYLOAD, PingMessage::read);
        strict(PongMessage.COMMAND, PongMessage.MAX_PAYLOAD, PongMessage::read);
        strict(AddrMessage.COMMAND, AddrMessage.MAX_PAYLOAD, AddrMessage::read);
        strict(GetAddrMessage.COMMAND, GetAddrMessage.MAX_PAYLOAD, GetAddrMessage::read);
        strict(InvMessage.COMMAND, InvMessage.MAX_PAYLOAD, InvMessage::read);
        strict(GetDataMessage.COMMAND, GetDataMessage.MAX_PAYLOAD, GetDataMessage::read);
        strict(NotFoundMessage.COMMAND, NotFoundMessage.MAX_PAYLOAD, NotFoundMessage::read);
        strict(BlockMessage.COMMAND, BlockMessage.MAX_PAYLOAD, BlockMessage::read);
        strict(TxMessage.COMMAND, TxMessage.MAX_PAYLOAD, TxMessage::read);
        strict(GetHeadersMessage.COMMAND, GetHeadersMessage.MAX_PAYLOAD, GetHeadersMessage::read);
        strict(GetBlocksMessage.COMMAND, GetBlocksMessage.MAX_PAYLOAD, GetBlocksMessage::read);
        strict(HeadersMessage.COMMAND, HeadersMessage.MAX_PAYLOAD, HeadersMessage::read);
        strict(SendHeadersMessage.COMMAND, SendHeadersMessage.MAX_PAYLOAD, SendHeadersMessage::read);
        strict(MempoolMessage.COMMAND, MempoolMessage.MAX_PAYLOAD, MempoolMessage::read);
        strict(WtxidRelayMessage.COMMAND, WtxidRelayMessage.MAX_PAYLOAD, WtxidRelayMessage::read);
    }

    private void strict(String command, int maxPayload, Decoder decoder) {
        entries.put(command, new Entry(maxPayload, false, decoder));
    }

    /** The messages of protocol 70016 that this node understands. */
    public static MessageRegistry standard() {
        return STANDARD;
    }

    public boolean knows(String command) {
        return entries.containsKey(command);
    }

    public Set<String> commands() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public int maxPayload(String command) {
        Entry e = entries.get(command);
        return e == null ? Protocol.MAX_PROTOCOL_MESSAGE_LENGTH : e.maxPayload();
    }

    public Message decode(Frame frame) throws WireException {
        return decode(frame.command(), frame.rawPayload());
    }

    /** Decodes one payload; throws only {@link WireException}, whatever the bytes. */
    public Message decode(String command, byte[] payload) throws WireException {
        Entry e = entries.get(command);
        if (e == null) {
            if (!Frame.isValidCommand(command)) {
                throw new WireException(WireError.BAD_COMMAND, "\"" + command + "\"");
            }
            if (payload.length > Protocol.MAX_PROTOCOL_MESSAGE_LENGTH) {
                throw new WireException(WireError.OVERSIZED_PAYLOAD, command + ": " + payload.length + " bytes");
            }
            return new UnknownMessage(command, payload);
        }
        if (payload.length > e.maxPayload()) {
            throw new WireException(WireError.OVERSIZED_PAYLOAD,
                    command + ": " + payload.length + " bytes, limit " + e.maxPayload());
        }
        ByteReader r = new ByteReader(payload);
        Message m;
        try {
            m = e.decoder().decode(r);
        } catch (ParseException | IllegalArgumentException ex) {
            throw new WireException(WireError.MALFORMED_PAYLOAD, command + ": " + ex.getMessage());
        }
        if (r.hasRemaining() && !e.ignoresTrailingBytes()) {
            throw new WireException(WireError.TRAILING_BYTES, command + ": " + r.remaining() + " bytes after the message");
        }
        return m;
    }
}
