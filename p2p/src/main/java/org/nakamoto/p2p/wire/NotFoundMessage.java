package org.nakamoto.p2p.wire;

import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Names requested items the sender does not have. At most 50,000 entries. */
public record NotFoundMessage(List<InvItem> items) implements Message {
    public static final String COMMAND = "notfound";
    public static final int MAX_ENTRIES = InvList.MAX_ENTRIES;
    public static final int MAX_PAYLOAD = InvList.MAX_PAYLOAD;

    public NotFoundMessage {
        items = InvList.copyOf(items, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static NotFoundMessage read(ByteReader r) throws WireException {
        return new NotFoundMessage(InvList.read(r, COMMAND));
    }

    @Override
    public void writePayload(ByteWriter w) {
        InvList.write(w, items);
    }
}
