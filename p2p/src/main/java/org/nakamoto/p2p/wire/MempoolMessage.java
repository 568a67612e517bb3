package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** BIP35: asks for an inv of the transactions in the peer's mempool. Its payload is empty. */
public record MempoolMessage() implements Message {
    public static final String COMMAND = "mempool";
    public static final int MAX_PAYLOAD = 0;
    public static final MempoolMessage INSTANCE = new MempoolMessage();

    public static MempoolMessage read(ByteReader r) {
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
