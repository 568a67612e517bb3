package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Asks the peer for addresses of other nodes, answered with addr. Its payload is empty. */
public record GetAddrMessage() implements Message {
    public static final String COMMAND = "getaddr";
    public static final int MAX_PAYLOAD = 0;
    public static final GetAddrMessage INSTANCE = new GetAddrMessage();

    public static GetAddrMessage read(ByteReader r) {
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
