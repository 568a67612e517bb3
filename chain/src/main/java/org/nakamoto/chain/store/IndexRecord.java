package org.nakamoto.chain.store;

import java.math.BigInteger;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.BlockHeader;

/** One block-index entry as stored: header, height, cumulative work and status flags. */
public record IndexRecord(BlockHeader header, int height, BigInteger chainWork, int status) {

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(128);
        header.write(w);
        w.writeUint32LE(height);
        w.writeVarBytes(chainWork.toByteArray());
        w.writeUint8(status);
        return w.toByteArray();
    }

    public static IndexRecord parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        BlockHeader h = BlockHeader.read(r);
        int height = (int) r.readUint32LE();
        BigInteger work = new BigInteger(r.readVarBytes());
        int status = r.readUint8();
        r.expectEnd("index record");
        return new IndexRecord(h, height, work, status);
    }

    public IndexRecord withStatus(int newStatus) {
        return new IndexRecord(header, height, chainWork, newStatus);
    }
}
