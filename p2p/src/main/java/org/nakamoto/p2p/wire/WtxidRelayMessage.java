package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * BIP339: sent between version and verack by a peer of protocol 70016 or later that announces and asks
 * for transactions by wtxid (inv type MSG_WTX). Both sides must send it for it to apply. Empty payload.
 */
public record WtxidRelayMessage() implements Message {
    public static final String COMMAND = "wtxidrelay";
    public static final int MAX_PAYLOAD = 0;
    public static final WtxidRelayMessage INSTANCE = new WtxidRelayMessage();
    /** The first protocol version that knows wtxidrelay. */
    public static final int VERSION = 70016;

    public static WtxidRelayMessage read(ByteReader r) {
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
