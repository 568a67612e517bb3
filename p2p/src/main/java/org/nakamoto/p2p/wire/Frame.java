package org.nakamoto.p2p.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;

/**
 * One framed message: a command and its raw payload. On the wire it is preceded by a 24-byte header:
 * magic (4), NUL-padded ASCII command (12), payload length (uint32 LE), and the first 4 bytes of the
 * payload's sha256d.
 */
public final class Frame {
    public static final int HEADER_SIZE = 24;
    public static final int COMMAND_SIZE = 12;
    public static final int CHECKSUM_SIZE = 4;

    private final String command;
    private final byte[] payload;

    private Frame(String command, byte[] payload, boolean copy) {
        if (!isValidCommand(command)) {
            throw new IllegalArgumentException("not a wire command: \"" + command + "\"");
        }
        if (payload.length > Protocol.MAX_PROTOCOL_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the protocol maximum");
        }
        this.command = command;
        this.payload = copy ? payload.clone() : payload;
    }

    public static Frame of(String command, byte[] payload) {
        return new Frame(command, payload, true);
    }

    /** Takes ownership of {@code payload}: for decoders that just allocated it. */
    static Frame wrap(String command, byte[] payload) {
        return new Frame(command, payload, false);
    }

    public String command() {
        return command;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** The payload without copying; callers in this package must not modify it. */
    byte[] rawPayload() {
        return payload;
    }

    /** Header and payload, ready to write to a socket. */
    public byte[] encode(NetworkMagic magic) {
        ByteWriter w = new ByteWriter(HEADER_SIZE + payload.length);
        w.writeBytes(magic.toBytes());
        byte[] cmd = new byte[COMMAND_SIZE];
        byte[] ascii = command.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, cmd, 0, ascii.length);
        w.writeBytes(cmd);
        w.writeUint32LE(payload.length);
        w.writeBytes(checksum(payload, 0, payload.length));
        w.writeBytes(payload);
        return w.toByteArray();
    }

    /** The first 4 bytes of sha256d over a byte range. */
    public static byte[] checksum(byte[] data, int off, int len) {
        return Arrays.copyOf(Hashes.sha256d(data, off, len), CHECKSUM_SIZE);
    }

    /** 1 to 12 printable ASCII characters (0x20..0x7e), the set Core's IsMessageTypeValid admits. */
    public static boolean isValidCommand(String command) {
        if (command.isEmpty() || command.length() > COMMAND_SIZE) {
            return false;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The command in a header's 12-byte field, or null when the field is malformed: printable ASCII up to
     * the first NUL, and only NULs after it, as Core requires. An all-NUL field is refused too: Core would
     * let it through as an unknown empty command, but no command is empty.
     */
    static String parseCommand(byte[] buf, int off) {
        int len = 0;
        while (len < COMMAND_SIZE && buf[off + len] != 0) {
            int c = buf[off + len] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            len++;
        }
        for (int i = len; i < COMMAND_SIZE; i++) {
            if (buf[off + i] != 0) {
                return null;
            }
        }
        return len == 0 ? null : new String(buf, off, len, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.command.equals(command) && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return command.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[" + command + ", " + payload.length + " bytes]";
    }
}
