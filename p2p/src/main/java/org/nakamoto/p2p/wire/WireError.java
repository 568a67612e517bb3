package org.nakamoto.p2p.wire;

/**
 * Why bytes from a peer were refused. Fatal errors leave the byte stream unframeable, so the connection
 * must be dropped; the others concern one message whose frame was consumed whole, so the stream stays in
 * step and the peer layer may choose to only score the peer (Bitcoin Core drops a frame with a bad
 * checksum or message type and keeps the connection).
 */
public enum WireError {
    /** The frame does not start with this network's magic. */
    BAD_MAGIC(true),
    /** The header declares a payload longer than its command (or any command) may carry. */
    OVERSIZED_FRAME(true),
    /** The payload's sha256d does not start with the header's checksum. */
    BAD_CHECKSUM(false),
    /** The 12-byte command is not printable ASCII followed by NUL padding. */
    BAD_COMMAND(false),
    /** A whole payload longer than its message type allows (for frames not checked by a decoder). */
    OVERSIZED_PAYLOAD(false),
    /** A list longer than the protocol allows (inv > 50,000, addr > 1,000, headers > 2,000, locator > 101). */
    TOO_MANY_ENTRIES(false),
    /** Bytes left over after the message was read. */
    TRAILING_BYTES(false),
    /** The payload is not a valid encoding of its message: truncated, non-canonical or out of range. */
    MALFORMED_PAYLOAD(false);

    private final boolean fatal;

    WireError(boolean fatal) {
        this.fatal = fatal;
    }

    /** True when the stream can no longer be split into frames and the connection must close. */
    public boolean isFatal() {
        return fatal;
    }
}
