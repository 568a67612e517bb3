package org.nakamoto.p2p;

import org.nakamoto.p2p.wire.WireError;

/**
 * What each kind of bad input costs a peer. A peer reaching {@link #BAN_THRESHOLD} is disconnected and
 * banned. Validation failures cost what {@link Penalty} says for their context (transaction or block); wire
 * errors cost what this table says: anything no honest implementation ever sends (garbage where a frame
 * should start, a frame over its limit, a payload that does not parse) costs a full ban at once; errors
 * that could come from a buggy but honest peer cost less.
 */
final class Misbehaviour {
    static final int BAN_THRESHOLD = 100;
    /** Core's score for a list over its protocol limit, and for headers that do not connect, repeatedly. */
    static final int OVERSIZED_LIST = 20;
    static final int NON_CONTINUOUS_HEADERS = 20;
    static final int UNCONNECTING_HEADERS = 20;
    /** A message out of protocol order, e.g. a second version, or anything before the handshake. */
    static final int PROTOCOL_ORDER = 1;

    private Misbehaviour() {
    }

    static int score(WireError error) {
        return switch (error) {
            case BAD_MAGIC, OVERSIZED_FRAME, OVERSIZED_PAYLOAD, MALFORMED_PAYLOAD, TRAILING_BYTES -> BAN_THRESHOLD;
            case TOO_MANY_ENTRIES -> OVERSIZED_LIST;
            case BAD_CHECKSUM, BAD_COMMAND -> 10;
        };
    }
}
