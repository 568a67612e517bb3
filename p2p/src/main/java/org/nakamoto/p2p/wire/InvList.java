package org.nakamoto.p2p.wire;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/** The payload shared by inv, getdata and notfound: a count and up to 50,000 inventory vectors. */
final class InvList {
    /** Core's MAX_INV_SZ. */
    static final int MAX_ENTRIES = 50_000;
    static final int MAX_PAYLOAD = ByteWriter.compactSizeLength(MAX_ENTRIES) + MAX_ENTRIES * InvItem.SIZE;

    private InvList() {
    }

    static List<InvItem> copyOf(List<InvItem> items, String command) {
        List<InvItem> copy = List.copyOf(items);
        Counts.check(copy.size(), MAX_ENTRIES, command);
        return copy;
    }

    static List<InvItem> read(ByteReader r, String command) throws WireException {
        int n = Counts.read(r, MAX_ENTRIES, InvItem.SIZE, command);
        List<InvItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(InvItem.read(r));
        }
        return items;
    }

    static void write(ByteWriter w, List<InvItem> items) {
        w.writeCompactSize(items.size());
        items.forEach(item -> item.write(w));
    }
}
