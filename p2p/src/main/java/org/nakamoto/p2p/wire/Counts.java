package org.nakamoto.p2p.wire;

import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.ParseException;

/** Reading list lengths: the protocol's maximum is checked before the bytes that remain. */
final class Counts {
    private Counts() {
    }

    /**
     * A CompactSize count of at most {@code max} items of at least {@code minItemBytes} each. Too many
     * entries is the peer breaking a protocol limit (Core scores it); too few bytes is a malformed payload.
     */
    static int read(ByteReader r, int max, int minItemBytes, String what) throws WireException {
        long count = r.readCompactSize();
        if (count > max) {
            throw new WireException(WireError.TOO_MANY_ENTRIES, what + " count " + count + " exceeds " + max);
        }
        if (count * minItemBytes > r.remaining()) {
            throw new ParseException(what + " count " + count + " exceeds the " + r.remaining() + " bytes that remain");
        }
        return (int) count;
    }

    /** For constructors: a list the protocol would refuse is a programming error on the sending side. */
    static void check(int size, int max, String what) {
        if (size > max) {
            throw new IllegalArgumentException(size + " " + what + " entries exceed the protocol maximum " + max);
        }
    }
}
