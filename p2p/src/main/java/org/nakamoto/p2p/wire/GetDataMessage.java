package org.nakamoto.p2p.wire;

import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** Requests the transactions or blocks named, answered with tx, block or notfound. At most 50,000 entries. */
public record GetDataMessage(List<InvItem> items) implements Message {
    public static final String COMMAND = "getdata";
    public static final int MAX_ENTRIES = InvList.MAX_ENTRIES;
    public static final int MAX_PAYLOAD = InvList.MAX_PAYLOAD;

    public GetDataMessage {
        items = InvList.copyOf(items, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static GetDataMessage read(ByteReader r) throws WireException {
        return new GetDataMessage(InvList.read(r, COMMAND));
    }

    @Override
    public void writePayload(ByteWriter w) {
        InvList.write(w, items);
    }
}
