package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Block;

/**
 * A whole block in either serialization (BIP144). The wire cap is the protocol's 4,000,000 bytes; the
 * consensus size limit is validation's business, not the codec's.
 */
public record BlockMessage(Block block) implements Message {
    public static final String COMMAND = "block";
    public static final int MAX_PAYLOAD = Protocol.MAX_PROTOCOL_MESSAGE_LENGTH;

    public BlockMessage {
        if (block == null) {
            throw new IllegalArgumentException("block is required");
        }
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static BlockMessage read(ByteReader r) {
        return new BlockMessage(Block.read(r));
    }

    @Override
    public void writePayload(ByteWriter w) {
        block.write(w);
    }

    @Override
    public byte[] payload() {
        return block.serialize();
    }
}
