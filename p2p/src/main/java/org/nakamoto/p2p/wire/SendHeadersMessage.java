package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** BIP130: the peer prefers new blocks announced with headers rather than inv. Its payload is empty. */
public record SendHeadersMessage() implements Message {
    public static final String COMMAND = "sendheaders";
    public static final int MAX_PAYLOAD = 0;
    public static final SendHeadersMessage INSTANCE = new SendHeadersMessage();

    public static SendHeadersMessage read(ByteReader r) {
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
