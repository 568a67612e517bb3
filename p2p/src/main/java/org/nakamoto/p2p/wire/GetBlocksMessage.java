package org.nakamoto.p2p.wire;

import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;

/** Asks for an inv of up to 500 blocks following the first locator hash the peer knows. Locator hashes run newest first, at most 101. */
public record GetBlocksMessage(int version, List<Hash256> locator, Hash256 hashStop) implements Message {
    public static final String COMMAND = "getblocks";
    public static final int MAX_LOCATOR_HASHES = Locator.MAX_HASHES;
    public static final int MAX_PAYLOAD = Locator.MAX_PAYLOAD;

    public GetBlocksMessage {
        locator = Locator.copyOf(locator, hashStop, COMMAND);
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static GetBlocksMessage read(ByteReader r) throws WireException {
        int version = r.readInt32LE();
        List<Hash256> locator = Locator.readHashes(r, COMMAND);
        return new GetBlocksMessage(version, locator, Hash256.read(r));
    }

    @Override
    public void writePayload(ByteWriter w) {
        Locator.write(w, version, locator, hashStop);
    }
}
