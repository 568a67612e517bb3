package org.nakamoto.p2p.wire;

import java.io.ByteArrayOutputStream;
import org.nakamoto.chain.codec.Hex;

/** Hex helpers for tests: annotated hex dumps may contain spaces and newlines. */
final class TestBytes {
    static final NetworkMagic MAINNET = NetworkMagic.fromHex("f9beb4d9");

    private TestBytes() {
    }

    static byte[] hex(String annotated) {
        return Hex.decode(annotated.replaceAll("\\s+", "").toLowerCase());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The 24-byte header for a payload, with a checksum the caller supplies (so tests can forge one). */
    static byte[] header(String command, long declaredLength, byte[] checksum) {
        byte[] h = new byte[Frame.HEADER_SIZE];
        System.arraycopy(MAINNET.toBytes(), 0, h, 0, 4);
        byte[] cmd = command.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(cmd, 0, h, 4, cmd.length);
        for (int i = 0; i < 4; i++) {
            h[16 + i] = (byte) (declaredLength >>> (8 * i));
        }
        System.arraycopy(checksum, 0, h, 20, 4);
        return h;
    }

    /** A complete frame with a correct checksum, built without the code under test's encoder. */
    static byte[] frame(String command, byte[] payload) {
        return concat(header(command, payload.length, Frame.checksum(payload, 0, payload.length)), payload);
    }
}
