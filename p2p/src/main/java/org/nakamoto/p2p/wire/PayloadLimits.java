package org.nakamoto.p2p.wire;

/** The largest payload a command may declare; the frame decoder asks before it buffers a single byte. */
@FunctionalInterface
public interface PayloadLimits {
    /** The same cap, Core's MAX_PROTOCOL_MESSAGE_LENGTH, for every command. */
    PayloadLimits PROTOCOL_MAXIMUM = command -> Protocol.MAX_PROTOCOL_MESSAGE_LENGTH;

    /** The cap for {@code command}; null stands for a malformed command field. */
    int maxPayload(String command);
}
