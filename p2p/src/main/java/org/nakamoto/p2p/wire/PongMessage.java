package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** The answer to a ping, echoing its nonce. The payload is the uint64 nonce alone. */
public record PongMessage(long nonce) implements Message {
    public static final String COMMAND = "pong";
    public static final int MAX_PAYLOAD = 8;

    public static PongMessage read(ByteReader r) {
        return new PongMessage(r.readInt64LE());
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
