package org.nakamoto.p2p.wire;

import java.util.Arrays;

/**
 * Splits a TCP byte stream into frames. Feed it chunks as they arrive, in any sizes, then call
 * {@link #next()} until it returns null. It checks the magic as soon as the first bytes arrive and the
 * declared length as soon as the header is complete, so a hostile length never makes it allocate or wait
 * for more than the command's limit. Not thread-safe: one decoder per connection, used from its event loop.
 *
 * <p>After a fatal error (bad magic, oversized frame) the stream cannot be re-synchronised: the decoder
 * keeps returning that error and ignores further input. A bad checksum or command spoils only its own
 * frame, which has been consumed whole, so decoding continues with the next one.
 */
public final class FrameDecoder {
    private static final int NO_HEADER = -1;
    private static final int INITIAL_BUFFER = 1024;
    /** Past this, an emptied buffer is released, so one large block does not pin megabytes per peer. */
    private static final int RETAINED_BUFFER = 64 * 1024;

    private final NetworkMagic magic;
    private final PayloadLimits limits;

    /** Received bytes not yet consumed are buf[start, end). */
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int start;
    private int end;

    /** The header being waited on, once all 24 bytes of it have arrived; payloadLength < 0 while none. */
    private String command;
    private boolean commandValid;
    private int payloadLength = NO_HEADER;
    private final byte[] checksum = new byte[Frame.CHECKSUM_SIZE];

    private WireException failure;

    public FrameDecoder(NetworkMagic magic, PayloadLimits limits) {
        this.magic = magic;
        this.limits = limits;
    }

    /** A decoder that applies only the protocol-wide 4,000,000-byte cap. */
    public FrameDecoder(NetworkMagic magic) {
        this(magic, PayloadLimits.PROTOCOL_MAXIMUM);
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    /**
     * Appends received bytes. Call {@link #next()} until it returns null after each feed: the decoder keeps
     * whatever has not been taken. Bytes fed after a fatal error are dropped.
     */
    public void feed(byte[] chunk, int off, int len) {
        if (off < 0 || len < 0 || len > chunk.length - off) {
            throw new IndexOutOfBoundsException("chunk slice out of range");
        }
        if (failure != null || len == 0) {
            return;
        }
        ensureRoom(len);
        System.arraycopy(chunk, off, buf, end, len);
        end += len;
    }

    private void ensureRoom(int len) {
        if (buf.length - end >= len) {
            return;
        }
        int live = end - start;
        if (buf.length - live >= len && start > 0) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(buf.length * 2, live + len)];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }

    /** Bytes received and not yet returned in a frame. */
    public int buffered() {
        return end - start;
    }

    /** True once a fatal error has been reported. */
    public boolean isFailed() {
        return failure != null;
    }

    /**
     * The next complete frame, or null when more bytes are needed.
     *
     * @throws WireException for a malformed frame; if {@link WireException#isFatal()} the decoder is dead
     */
    public Frame next() throws WireException {
        if (failure != null) {
            throw failure;
        }
        if (payloadLength < 0 && !readHeader()) {
            return null;
        }
        if (end - start < payloadLength) {
            return null;
        }
        int payloadStart = start;
        int len = payloadLength;
        start += len;
        payloadLength = NO_HEADER;
        boolean checksumOk = Arrays.equals(Frame.checksum(buf, payloadStart, len), checksum);
        byte[] payload = checksumOk && commandValid ? Arrays.copyOfRange(buf, payloadStart, payloadStart + len) : null;
        releaseIfEmpty();
        if (!checksumOk) {
            throw new WireException(WireError.BAD_CHECKSUM, "payload of " + len + " bytes, command " + printable());
        }
        if (!commandValid) {
            throw new WireException(WireError.BAD_COMMAND, "command field " + printable());
        }
        return Frame.wrap(command, payload);
    }

    private void releaseIfEmpty() {
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > RETAINED_BUFFER) {
                buf = new byte[INITIAL_BUFFER];
            }
        }
    }

    /** Consumes a complete header if one is buffered; false if more bytes are needed. */
    private boolean readHeader() throws WireException {
        int available = end - start;
        // Check the magic on whatever part of it has arrived: garbage fails on its first byte.
        for (int i = 0; i < Math.min(available, NetworkMagic.LENGTH); i++) {
            if (buf[start + i] != magic.byteAt(i)) {
                throw fail(WireError.BAD_MAGIC, "expected " + magic + " at the start of a frame");
            }
        }
        if (available < Frame.HEADER_SIZE) {
            return false;
        }
        int at = start + NetworkMagic.LENGTH;
        command = Frame.parseCommand(buf, at);
        commandValid = command != null;
        if (!commandValid) {
            command = escape(buf, at, Frame.COMMAND_SIZE);
        }
        at += Frame.COMMAND_SIZE;
        long length = (buf[at] & 0xffL) | (buf[at + 1] & 0xffL) << 8 | (buf[at + 2] & 0xffL) << 16
                | (buf[at + 3] & 0xffL) << 24;
        at += 4;
        int limit = Math.min(limits.maxPayload(commandValid ? command : null), Protocol.MAX_PROTOCOL_MESSAGE_LENGTH);
        if (length > limit) {
            throw fail(WireError.OVERSIZED_FRAME,
                    "command " + printable() + " declares " + length + " bytes, limit " + limit);
        }
        System.arraycopy(buf, at, checksum, 0, Frame.CHECKSUM_SIZE);
        start += Frame.HEADER_SIZE;
        payloadLength = (int) length;
        return true;
    }

    private WireException fail(WireError error, String detail) {
        failure = new WireException(error, detail);
        buf = new byte[0];
        start = 0;
        end = 0;
        return failure;
    }

    private String printable() {
        return commandValid ? "\"" + command + "\"" : command;
    }

    /** A malformed command field shown safely in logs: printable ASCII kept, anything else as \xNN. */
    private static String escape(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
