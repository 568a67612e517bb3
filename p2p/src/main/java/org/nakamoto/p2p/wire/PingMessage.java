package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** BIP31 keep-alive; the peer answers with a pong carrying the same nonce. The payload is the uint64 nonce alone. */
public record PingMessage(long nonce) implements Message {
    public static final String COMMAND = "ping";
    public static final int MAX_PAYLOAD = 8;

    public static PingMessage read(ByteReader r) {
        return new PingMessage(r.readInt64LE());
    }

    @Override
    public String command() {
        return COMMAND;
    }

    @Override
    public void writePayload(ByteWriter w) {
        w.writeInt64LE(nonce);
    }
}
