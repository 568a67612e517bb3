package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Acknowledges the peer's version; the handshake is complete once both sides have sent one. Its payload is empty. */
public record VerackMessage() implements Message {
    public static final String COMMAND = "verack";
    public static final int MAX_PAYLOAD = 0;
    public static final VerackMessage INSTANCE = new VerackMessage();

    public static VerackMessage read(ByteReader r) {
        return INSTANCE;
    }

    @Override
    public String command() {
        return COMMAND;
    }

    @Override
    public void writePayload(ByteWriter w) {
    }
}
