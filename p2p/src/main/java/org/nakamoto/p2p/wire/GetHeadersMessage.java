package org.nakamoto.p2p.wire;

import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;

/** Asks for up to 2,000 headers following the first locator hash the peer knows, answered with headers. Locator hashes run newest first, at most 101. */
public record GetHeadersMessage(int version, List<Hash256> locator, Hash256 hashStop) implements Message {
    public static final String COMMAND = "getheaders";
    public static final int MAX_LOCATOR_HASHES = Locator.MAX_HASHES;
    public static final int MAX_PAYLOAD = Locator.MAX_PAYLOAD;

    public GetHeadersMessage {
        locator = Locator.copyOf(locator, hashStop, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static GetHeadersMessage read(ByteReader r) throws WireException {
        int version = r.readInt32LE();
        List<Hash256> locator = Locator.readHashes(r, COMMAND);
        return new GetHeadersMessage(version, locator, Hash256.read(r));
    }

    @Override
    public void writePayload(ByteWriter w) {
        Locator.write(w, version, locator, hashStop);
    }
}
