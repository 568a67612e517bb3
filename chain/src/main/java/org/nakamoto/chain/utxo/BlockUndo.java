package org.nakamoto.chain.utxo;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;

/**
 * The coins a block spent, in the order its inputs spent them (transaction by transaction, input by
 * input, coinbase excluded). Disconnecting the block restores exactly these.
 */
public record BlockUndo(List<Coin> spent) {
    public BlockUndo {
        spent = List.copyOf(spent);
    }

    public byte[] serialize() {
        ByteWriter w = new ByteWriter(64 * spent.size() + 8);
        w.writeCompactSize(spent.size());
        for (Coin c : spent) {
            c.write(w);
        }
        return w.toByteArray();
    }

    public static BlockUndo parse(byte[] raw) {
        ByteReader r = new ByteReader(raw);
        int n = r.readCount(13, "undo coin");
        List<Coin> coins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            coins.add(Coin.read(r));
        }
        r.expectEnd("block undo");
        return new BlockUndo(coins);
    }
}
