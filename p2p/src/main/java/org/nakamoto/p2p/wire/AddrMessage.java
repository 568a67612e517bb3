package org.nakamoto.p2p.wire;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Addresses of other nodes, each with the time it was last seen; at most 1,000 (Core's MAX_ADDR_TO_SEND). */
public record AddrMessage(List<TimedPeerAddress> addresses) implements Message {
    public static final String COMMAND = "addr";
    public static final int MAX_ENTRIES = 1_000;
    public static final int MAX_PAYLOAD = ByteWriter.compactSizeLength(MAX_ENTRIES) + MAX_ENTRIES * TimedPeerAddress.SIZE;

    public AddrMessage {
        addresses = List.copyOf(addresses);
        Counts.check(addresses.size(), MAX_ENTRIES, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static AddrMessage read(ByteReader r) throws WireException {
        int n = Counts.read(r, MAX_ENTRIES, TimedPeerAddress.SIZE, COMMAND);
        List<TimedPeerAddress> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(TimedPeerAddress.read(r));
        }
        return new AddrMessage(list);
    }

    @Override
    public void writePayload(ByteWriter w) {
        w.writeCompactSize(addresses.size());
        addresses.forEach(a -> a.write(w));
    }
}
