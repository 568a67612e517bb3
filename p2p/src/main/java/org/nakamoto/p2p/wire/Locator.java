package org.nakamoto.p2p.wire;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Hash256;

/**
 * The payload shared by getheaders and getblocks: a protocol version, block locator hashes (newest first,
 * at most Core's MAX_LOCATOR_SZ = 101) and a stop hash (zero for "as many as you will send").
 */
final class Locator {
    static final int MAX_HASHES = 101;
    static final int MAX_PAYLOAD = 4 + ByteWriter.compactSizeLength(MAX_HASHES) + (MAX_HASHES + 1) * Hash256.LENGTH;

    private Locator() {
    }

    static List<Hash256> copyOf(List<Hash256> hashes, Hash256 stop, String command) {
        if (stop == null) {
            throw new IllegalArgumentException("stop hash is required (Hash256.ZERO for none)");
        }
        List<Hash256> copy = List.copyOf(hashes);
        Counts.check(copy.size(), MAX_HASHES, command + " locator");
        return copy;
    }

    static List<Hash256> readHashes(ByteReader r, String command) throws WireException {
        int n = Counts.read(r, MAX_HASHES, Hash256.LENGTH, command + " locator");
        List<Hash256> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hashes.add(Hash256.read(r));
        }
        return hashes;
    }

    static void write(ByteWriter w, int version, List<Hash256> hashes, Hash256 stop) {
        w.writeInt32LE(version);
        w.writeCompactSize(hashes.size());
        hashes.forEach(h -> h.write(w));
        stop.write(w);
    }
}
