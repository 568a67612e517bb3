package org.nakamoto.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.p2p.wire.TestBytes.MAINNET;
import static org.nakamoto.p2p.wire.TestBytes.concat;
import static org.nakamoto.p2p.wire.TestBytes.frame;
import static org.nakamoto.p2p.wire.TestBytes.header;
import static org.nakamoto.p2p.wire.TestBytes.hex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final byte[] VERACK = hex("f9beb4d9 76657261636b000000000000 00000000 5df6e0e2");

    private static FrameDecoder decoder() {
        return new FrameDecoder(MAINNET, MessageRegistry.standard());
    }

    private static WireException errorAfterFeeding(FrameDecoder d, byte[] bytes) {
        d.feed(bytes);
        return assertThrows(WireException.class, d::next);
    }

    @Test
    void framesSplitAnywhereAreReassembled() throws Exception {
        byte[] ping = frame("ping", hex("0102030405060708"));
        byte[] stream = concat(VERACK, ping, VERACK);
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            FrameDecoder d = decoder();
            List<Frame> frames = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(40));
                d.feed(stream, at, n);
                at += n;
                for (Frame f = d.next(); f != null; f = d.next()) {
                    frames.add(f);
                }
            }
            assertEquals(List.of(Frame.of("verack", new byte[0]), Frame.of("ping", hex("0102030405060708")),
                    Frame.of("verack", new byte[0])), frames);
            assertEquals(0, d.buffered());
        }
    }

    @Test
    void incompleteFramesWaitForMoreBytes() throws Exception {
        byte[] ping = frame("ping", hex("0102030405060708"));
        for (int len = 0; len < ping.length; len++) {
            FrameDecoder d = decoder();
            d.feed(Arrays.copyOf(ping, len));
            assertNull(d.next(), "prefix of " + len);
            d.feed(Arrays.copyOfRange(ping, len, ping.length));
            assertEquals("ping", d.next().command());
        }
    }

    @Test
    void wrongMagicFailsOnTheFirstWrongByte() {
        FrameDecoder d = decoder();
        WireException e = errorAfterFeeding(d, hex("0b"));
        assertEquals(WireError.BAD_MAGIC, e.error());
        assertTrue(e.isFatal());
        // Testnet3's magic (0b110907) is not mainnet's.
        FrameDecoder other = decoder();
        assertEquals(WireError.BAD_MAGIC, errorAfterFeeding(other, hex("0b110907 76657261636b000000000000")).error());
    }

    @Test
    void aFatalErrorIsSticky() {
        FrameDecoder d = decoder();
        WireException first = errorAfterFeeding(d, concat(hex("f9beb4d8"), VERACK));
        assertTrue(d.isFailed());
        d.feed(VERACK); // ignored: the stream cannot be re-framed
        assertSame(first, assertThrows(WireException.class, d::next));
        assertEquals(0, d.buffered());
    }

    @Test
    void wrongMagicAfterAGoodFrame() throws Exception {
        FrameDecoder d = decoder();
        d.feed(concat(VERACK, hex("f9beb4d8")));
        assertEquals("verack", d.next().command());
        assertEquals(WireError.BAD_MAGIC, assertThrows(WireException.class, d::next).error());
    }

    @Test
    void otherNetworksUseTheirOwnMagic() throws Exception {
        NetworkMagic regtest = NetworkMagic.fromHex("fabfb5da");
        FrameDecoder d = new FrameDecoder(regtest);
        byte[] wire = VerackMessage.INSTANCE.encode(regtest);
        assertArrayEquals(hex("fabfb5da"), Arrays.copyOf(wire, 4));
        d.feed(wire);
        assertEquals("verack", d.next().command());
        assertEquals(WireError.BAD_MAGIC, errorAfterFeeding(d, VERACK).error());
    }

    @Test
    void badChecksumSpoilsOnlyItsFrame() throws Exception {
        byte[] payload = hex("0102030405060708");
        byte[] bad = concat(header("ping", 8, hex("00000000")), payload);
        FrameDecoder d = decoder();
        d.feed(concat(bad, VERACK));
        WireException e = assertThrows(WireException.class, d::next);
        assertEquals(WireError.BAD_CHECKSUM, e.error());
        assertFalse(e.isFatal());
        assertEquals("verack", d.next().command());
    }

    @Test
    void checksumOfAnEmptyPayloadMustBe5df6e0e2() throws Exception {
        FrameDecoder d = decoder();
        d.feed(header("verack", 0, hex("5df6e0e3")));
        assertEquals(WireError.BAD_CHECKSUM, assertThrows(WireException.class, d::next).error());
    }

    @Test
    void malformedCommandsSpoilOnlyTheirFrame() throws Exception {
        String[] bad = {
            "ver\u0001ack", // control character
            "verack\u0000x", // text after the NUL padding
            "", // no command at all
            "ver\u007fack", // DEL
            "v\u00e9rack", // not ASCII
        };
        for (String cmd : bad) {
            FrameDecoder d = decoder();
            byte[] payload = hex("00");
            d.feed(concat(header(cmd, 1, Frame.checksum(payload, 0, 1)), payload, VERACK));
            WireException e = assertThrows(WireException.class, d::next, cmd);
            assertEquals(WireError.BAD_COMMAND, e.error(), cmd);
            assertFalse(e.isFatal());
            assertEquals("verack", d.next().command());
        }
    }

    @Test
    void allTwelveCommandBytesMayBeUsed() throws Exception {
        FrameDecoder d = decoder();
        d.feed(frame("abcdefghijkl", new byte[0]));
        assertEquals("abcdefghijkl", d.next().command());
    }

    /** A header declaring 4 GiB is refused from its 24 bytes alone: nothing is waited for or allocated. */
    @Test
    void hugeDeclaredLengthFailsRightAfterTheHeader() {
        FrameDecoder d = decoder();
        byte[] hdr = header("block", 0xffffffffL, hex("00000000"));
        d.feed(Arrays.copyOf(hdr, 23));
        assertDoesNotFail(d);
        d.feed(new byte[] {hdr[23]});
        WireException e = assertThrows(WireException.class, d::next);
        assertEquals(WireError.OVERSIZED_FRAME, e.error());
        assertTrue(e.isFatal());
        assertEquals(0, d.buffered());
    }

    @Test
    void theProtocolMaximumIsInclusive() throws Exception {
        FrameDecoder d = new FrameDecoder(MAINNET); // no per-command limits
        d.feed(header("block", Protocol.MAX_PROTOCOL_MESSAGE_LENGTH, hex("00000000")));
        assertNull(d.next(), "4,000,000 bytes is allowed: wait for them");
        FrameDecoder over = new FrameDecoder(MAINNET);
        over.feed(header("block", Protocol.MAX_PROTOCOL_MESSAGE_LENGTH + 1L, hex("00000000")));
        assertEquals(WireError.OVERSIZED_FRAME, assertThrows(WireException.class, over::next).error());
        FrameDecoder unknown = new FrameDecoder(MAINNET, MessageRegistry.standard());
        unknown.feed(header("newthing", Protocol.MAX_PROTOCOL_MESSAGE_LENGTH + 1L, hex("00000000")));
        assertEquals(WireError.OVERSIZED_FRAME, assertThrows(WireException.class, unknown::next).error());
    }

    @Test
    void perCommandLimitsApplyAtTheHeader() throws Exception {
        FrameDecoder d = decoder();
        assertEquals(WireError.OVERSIZED_FRAME,
                errorAfterFeeding(d, header("ping", 9, hex("00000000"))).error());
        FrameDecoder v = decoder();
        assertEquals(WireError.OVERSIZED_FRAME,
                errorAfterFeeding(v, header("verack", 1, hex("00000000"))).error());
        FrameDecoder h = decoder();
        h.feed(header("headers", HeadersMessage.MAX_PAYLOAD, hex("00000000")));
        assertNull(h.next());
        FrameDecoder h2 = decoder();
        assertEquals(WireError.OVERSIZED_FRAME,
                errorAfterFeeding(h2, header("headers", HeadersMessage.MAX_PAYLOAD + 1L, hex("00000000"))).error());
    }

    @Test
    void framesOfUnknownCommandsPass() throws Exception {
        FrameDecoder d = decoder();
        d.feed(frame("sendaddrv2", new byte[0]));
        Frame f = d.next();
        assertEquals("sendaddrv2", f.command());
        assertEquals(new UnknownMessage("sendaddrv2", new byte[0]), MessageRegistry.standard().decode(f));
    }

    @Test
    void frameEncodingIsTheDocumentedLayout() {
        byte[] payload = hex("0807060504030201");
        byte[] wire = Frame.of("ping", payload).encode(MAINNET);
        assertArrayEquals(hex("f9beb4d9 70696e670000000000000000 08000000"), Arrays.copyOf(wire, 20));
        assertArrayEquals(Arrays.copyOf(org.nakamoto.chain.crypto.Hashes.sha256d(payload), 4),
                Arrays.copyOfRange(wire, 20, 24));
        assertArrayEquals(payload, Arrays.copyOfRange(wire, 24, wire.length));
        assertThrows(IllegalArgumentException.class, () -> Frame.of("thirteen-char", payload));
        assertThrows(IllegalArgumentException.class, () -> Frame.of("", payload));
    }

    private static void assertDoesNotFail(FrameDecoder d) {
        try {
            assertNull(d.next());
        } catch (WireException e) {
            throw new AssertionError("failed before the header was complete", e);
        }
    }
}
