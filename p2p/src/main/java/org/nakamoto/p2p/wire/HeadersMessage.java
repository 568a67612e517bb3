package org.nakamoto.p2p.wire;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.BlockHeader;

/**
 * Up to 2,000 block headers (Core's MAX_HEADERS_RESULTS), each written as the 80-byte header followed by a
 * transaction count that is always zero.
 *
 * <p>Stricter than Core, which reads that count and ignores its value: here a non-zero count is a
 * malformed payload, since no honest peer sends one and accepting it would make the encoding ambiguous.
 */
public record HeadersMessage(List<BlockHeader> headers) implements Message {
    public static final String COMMAND = "headers";
    public static final int MAX_ENTRIES = 2_000;
    /** An 80-byte header and a one-byte zero count. */
    private static final int ENTRY_SIZE = BlockHeader.SIZE + 1;
    public static final int MAX_PAYLOAD = ByteWriter.compactSizeLength(MAX_ENTRIES) + MAX_ENTRIES * ENTRY_SIZE;

    public HeadersMessage {
        headers = List.copyOf(headers);
        Counts.check(headers.size(), MAX_ENTRIES, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static HeadersMessage read(ByteReader r) throws WireException {
        int n = Counts.read(r, MAX_ENTRIES, ENTRY_SIZE, COMMAND);
        List<BlockHeader> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(BlockHeader.read(r));
            long txCount = r.readCompactSize();
            if (txCount != 0) {
                throw new WireException(WireError.MALFORMED_PAYLOAD,
                        "header " + i + " has transaction count " + txCount + ", must be 0");
            }
        }
        return new HeadersMessage(list);
    }

    @Override
    public void writePayload(ByteWriter w) {
        w.writeCompactSize(headers.size());
        for (BlockHeader h : headers) {
            h.write(w);
            w.writeCompactSize(0);
        }
    }
}
