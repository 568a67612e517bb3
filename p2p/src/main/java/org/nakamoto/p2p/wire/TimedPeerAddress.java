package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** An addr entry: when the address was last seen (uint32 unix seconds), then the address itself. */
public record TimedPeerAddress(long time, PeerAddress address) {
    public static final int SIZE = 4 + PeerAddress.SIZE;

    public TimedPeerAddress {
        if (time < 0 || time > 0xffffffffL) {
            throw new IllegalArgumentException("time out of uint32 range: " + time);
        }
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
    }

    public static TimedPeerAddress read(ByteReader r) {
        long time = r.readUint32LE();
        return new TimedPeerAddress(time, PeerAddress.read(r));
    }

    public void write(ByteWriter w) {
        w.writeUint32LE(time);
        address.write(w);
    }
}
