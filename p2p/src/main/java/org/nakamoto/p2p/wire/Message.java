package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteWriter;

/**
 * A decoded wire message. Each implementation is an immutable record that names its command, writes its
 * payload, and has a static {@code read} plus a {@code MAX_PAYLOAD} that {@link MessageRegistry} uses.
 */
public sealed interface Message
        permits VersionMessage, VerackMessage, PingMessage, PongMessage, AddrMessage, GetAddrMessage,
        InvMessage, GetDataMessage, NotFoundMessage, BlockMessage, TxMessage, GetHeadersMessage,
        GetBlocksMessage, HeadersMessage, SendHeadersMessage, MempoolMessage, WtxidRelayMessage, UnknownMessage {

    String command();

    void writePayload(ByteWriter w);

    default byte[] payload() {
        ByteWriter w = new ByteWriter();
        writePayload(w);
        return w.toByteArray();
    }

    default Frame toFrame() {
        return Frame.wrap(command(), payload());
    }

    /** The complete frame, header and payload, for the given network. */
    default byte[] encode(NetworkMagic magic) {
        return toFrame().encode(magic);
    }
}
