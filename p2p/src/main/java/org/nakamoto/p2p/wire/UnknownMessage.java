package org.nakamoto.p2p.wire;

import java.util.Arrays;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.codec.Hex;

/**
 * A message whose command this node does not know. Bitcoin Core ignores such messages, and so should the
 * peer layer: newer peers send them routinely (sendcmpct, feefilter, wtxidrelay, sendaddrv2...), so they
 * are not misbehaviour.
 */
public record UnknownMessage(String command, byte[] payload) implements Message {
    public UnknownMessage {
        if (!Frame.isValidCommand(command)) {
            throw new IllegalArgumentException("not a wire command: \"" + command + "\"");
        }
        payload = payload.clone();
    }

    /** A copy of the raw payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public void writePayload(ByteWriter w) {
        w.writeBytes(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMessage u && u.command.equals(command) && Arrays.equals(u.payload, payload);
    }

    @Override
    public int hashCode() {
        return command.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UnknownMessage[" + command + ", " + payload.length + " bytes"
                + (payload.length <= 32 ? ": " + Hex.encode(payload) : "") + "]";
    }
}
