package org.nakamoto.p2p.wire;

/** Protocol-wide constants of Bitcoin's wire format, as Bitcoin Core defines them. */
public final class Protocol {
    /** The protocol version this node speaks (Core's PROTOCOL_VERSION since 0.21: wtxidrelay). */
    public static final int PROTOCOL_VERSION = 70016;
    /** Core's MAX_PROTOCOL_MESSAGE_LENGTH: no payload may be larger, whatever its command. */
    public static final int MAX_PROTOCOL_MESSAGE_LENGTH = 4_000_000;

    private Protocol() {
    }
}
