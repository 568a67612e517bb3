package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Transaction;

/** One transaction, in either serialization (BIP144): with its witness when the peer asked for it. */
public record TxMessage(Transaction tx) implements Message {
    public static final String COMMAND = "tx";
    public static final int MAX_PAYLOAD = Protocol.MAX_PROTOCOL_MESSAGE_LENGTH;

    public TxMessage {
        if (tx == null) {
            throw new IllegalArgumentException("transaction is required");
        }
    }

    @Override
    public String command() {
        return COMMAND;
    }

    public static TxMessage read(ByteReader r) {
        return new TxMessage(Transaction.read(r));
    }

    @Override
    public void writePayload(ByteWriter w) {
        tx.write(w);
    }

    @Override
    public byte[] payload() {
        return tx.serialize();
    }
}
