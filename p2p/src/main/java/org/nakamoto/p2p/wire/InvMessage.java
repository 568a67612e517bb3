package org.nakamoto.p2p.wire;

import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Announces transactions or blocks the sender has. At most 50,000 entries. */
public record InvMessage(List<InvItem> items) implements Message {
    public static final String COMMAND = "inv";
    public static final int MAX_ENTRIES = InvList.MAX_ENTRIES;
    public static final int MAX_PAYLOAD = InvList.MAX_PAYLOAD;

    public InvMessage {
        items = InvList.copyOf(items, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static InvMessage read(ByteReader r) throws WireException {
        return new InvMessage(InvList.read(r, COMMAND));
    }

    @Override
    public void writePayload(ByteWriter w) {
        InvList.write(w, items);
    }
}
