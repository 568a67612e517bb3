package org.nakamoto.chain.utxo;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.TxOut;

/**
 * An unspent output as the UTXO set keeps it: the output itself, the height of the block that created
 * it, and whether it came from a coinbase (which must mature before it may be spent).
 */
public record Coin(TxOut output, int height, boolean coinbase) {

    /** Compact storage form: varint-free but fixed: height*2+coinbase (uint32), value (int64), script. */
    public void write(ByteWriter w) {
        w.writeUint32LE(((long) height << 1) | (coinbase ? 1 : 0));
        output.write(w);
    }

    public static Coin read(ByteReader r) {
        long code = r.readUint32LE();
        TxOut out = TxOut.read(r);
        return new Coin(out, (int) (code >>> 1), (code & 1) != 0);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(16 + output.scriptPubKey().length());
        write(w);
        return w.toByteArray();
    }

    public static Coin parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        Coin c = read(r);
        r.expectEnd("coin");
        return c;
    }
}
