package org.nakamoto.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.p2p.wire.TestBytes.MAINNET;
import static org.nakamoto.p2p.wire.TestBytes.hex;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/**
 * Byte-exact checks against the annotated hex dumps published in the Bitcoin wiki's "Protocol
 * documentation" page and the Bitcoin developer reference (P2P network section). Each example is decoded
 * field by field against the values those pages annotate, then re-encoded to the same bytes. Where a
 * published example includes the header, its checksum proves the payload was copied exactly.
 */
class PublishedExamplesTest {
    private final MessageRegistry registry = MessageRegistry.standard();

    private Frame onlyFrame(byte[] wire) throws WireException {
        FrameDecoder d = new FrameDecoder(MAINNET, registry);
        d.feed(wire);
        Frame f = d.next();
        assertNull(d.next());
        assertEquals(0, d.buffered());
        return f;
    }

    /** Wiki, "verack": the header alone; 5df6e0e2 is the checksum of the empty payload. */
    @Test
    void verackHeaderFromTheWiki() throws Exception {
        byte[] wire = hex("F9 BE B4 D9 76 65 72 61 63 6B 00 00 00 00 00 00 00 00 00 00 5D F6 E0 E2");
        Frame f = onlyFrame(wire);
        assertEquals("verack", f.command());
        assertEquals(0, f.payloadLength());
        assertEquals(VerackMessage.INSTANCE, registry.decode(f));
        assertArrayEquals(wire, VerackMessage.INSTANCE.encode(MAINNET));
    }

    /**
     * Wiki, "version" hexdump: protocol 60002, /Satoshi:0.7.2/, no relay byte (it predates BIP37). The
     * page's field-by-field notes give the sender's services as 1, but its hexdump has 0 there, and only
     * the hexdump agrees with the checksum 358d4932 in its header, so the bytes below are the hexdump's.
     */
    @Test
    void versionFromTheWiki() throws Exception {
        byte[] wire = hex("""
                F9 BE B4 D9 76 65 72 73 69 6F 6E 00 00 00 00 00
                64 00 00 00 35 8D 49 32
                62 EA 00 00
                01 00 00 00 00 00 00 00
                11 B2 D0 50 00 00 00 00
                01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF FF 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF FF 00 00 00 00 00 00
                3B 2E B3 5D 8C E6 17 65
                0F 2F 53 61 74 6F 73 68 69 3A 30 2E 37 2E 32 2F
                C0 3E 03 00
                """);
        assertEquals(24 + 100, wire.length);
        Frame f = onlyFrame(wire); // proves the checksum
        assertEquals("version", f.command());
        assertEquals(100, f.payloadLength());

        VersionMessage v = assertInstanceOf(VersionMessage.class, registry.decode(f));
        assertEquals(60002, v.version());
        assertEquals(1, v.services());
        assertEquals(1355854353L, v.timestamp()); // Tue Dec 18 10:12:33 PST 2012
        assertEquals(new PeerAddress(1, InetAddress.getByName("0.0.0.0"), 0), v.receiver());
        assertEquals(new PeerAddress(0, InetAddress.getByName("0.0.0.0"), 0), v.sender());
        assertEquals(0x6517E68C5DB32E3BL, v.nonce());
        assertEquals("/Satoshi:0.7.2/", v.userAgent());
        assertEquals(212672, v.startHeight());
        assertEquals(Optional.empty(), v.relay());
        assertTrue(v.relaysTransactions(), "a missing relay flag means relay, as in Core");

        assertArrayEquals(wire, v.encode(MAINNET));
    }

    /** Developer reference, "version": protocol 70002, /Satoshi:0.9.3/, relay flag set. */
    @Test
    void versionFromTheDeveloperReference() throws Exception {
        byte[] payload = hex("""
                72110100
                0100000000000000
                bc8f5e5400000000
                0100000000000000 00000000000000000000ffffc61b6409 208d
                0100000000000000 00000000000000000000ffffcb0071c0 208d
                128035cbc97953f8
                0f 2f5361746f7368693a302e392e332f
                cf050500
                01
                """);
        assertEquals(101, payload.length);
        VersionMessage v = assertInstanceOf(VersionMessage.class, registry.decode("version", payload));
        assertEquals(70002, v.version());
        assertEquals(VersionMessage.NODE_NETWORK, v.services());
        assertEquals(1415483324L, v.timestamp());
        assertEquals(new PeerAddress(1, InetAddress.getByName("198.27.100.9"), 8333), v.receiver());
        assertEquals(new PeerAddress(1, InetAddress.getByName("203.0.113.192"), 8333), v.sender());
        assertEquals(0xf85379c9cb358012L, v.nonce());
        assertEquals("/Satoshi:0.9.3/", v.userAgent());
        assertEquals(329167, v.startHeight());
        assertEquals(Optional.of(true), v.relay());
        assertArrayEquals(payload, v.payload());

        // The reference omits the header; its well-known framing has checksum 5f1a69d2.
        byte[] wire = TestBytes.concat(hex("f9beb4d9 76657273696f6e0000000000 65000000 5f1a69d2"), payload);
        assertArrayEquals(wire, v.encode(MAINNET));
        assertEquals(v, registry.decode(onlyFrame(wire)));
    }

    /** Wiki, "addr" hexdump: one entry, 10.0.0.1:8333, last seen 2010-12-21 02:50:10 UTC. */
    @Test
    void addrFromTheWiki() throws Exception {
        byte[] wire = hex("""
                F9 BE B4 D9 61 64 64 72 00 00 00 00 00 00 00 00
                1F 00 00 00 ED 52 39 9B
                01
                E2 15 10 4D
                01 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 FF FF 0A 00 00 01
                20 8D
                """);
        Frame f = onlyFrame(wire);
        assertEquals(31, f.payloadLength());
        AddrMessage addr = assertInstanceOf(AddrMessage.class, registry.decode(f));
        assertEquals(1, addr.addresses().size());
        TimedPeerAddress a = addr.addresses().get(0);
        assertEquals(1292899810L, a.time());
        assertEquals(1, a.address().services());
        assertEquals(InetAddress.getByName("10.0.0.1"), a.address().address());
        assertEquals(8333, a.address().port());
        assertArrayEquals(wire, addr.encode(MAINNET));
    }

    private static final String INV_PAYLOAD = """
            02
            01000000 de55ffd709ac1f5dc509a0925d0b1fc442ca034f224732e429081da1b621f55a
            01000000 91d36d997037e08018262978766f24b8a055aaf1d872e94ae85e9817b2c68dc7
            """;

    /** Developer reference, "inv": two MSG_TX entries (hashes in internal byte order). */
    @Test
    void invFromTheDeveloperReference() throws Exception {
        byte[] payload = hex(INV_PAYLOAD);
        InvMessage inv = assertInstanceOf(InvMessage.class, registry.decode("inv", payload));
        assertEquals(2, inv.items().size());
        assertEquals(InvItem.MSG_TX, inv.items().get(0).type());
        assertEquals(Hash256.wrap(hex("de55ffd709ac1f5dc509a0925d0b1fc442ca034f224732e429081da1b621f55a")),
                inv.items().get(0).hash());
        assertTrue(inv.items().get(1).isTx());
        assertEquals(Hash256.wrap(hex("91d36d997037e08018262978766f24b8a055aaf1d872e94ae85e9817b2c68dc7")),
                inv.items().get(1).hash());
        assertArrayEquals(payload, inv.payload());
    }

    /** The reference notes getdata has inv's format; the same bytes decode to the same items. */
    @Test
    void getDataHasTheInvFormat() throws Exception {
        byte[] payload = hex(INV_PAYLOAD);
        GetDataMessage getData = assertInstanceOf(GetDataMessage.class, registry.decode("getdata", payload));
        InvMessage inv = (InvMessage) registry.decode("inv", payload);
        assertEquals(inv.items(), getData.items());
        assertArrayEquals(payload, getData.payload());
    }

    private static final String LOCATOR_PAYLOAD = """
            71110100
            02
            d39f608a7775b537729884d4e6633bb2 105e55a16a14d31b0000000000000000
            5c3e6403d40837110a2e8afb602b1c01 714bda7ce23bea0a0000000000000000
            00000000000000000000000000000000 00000000000000000000000000000000
            """;

    /** Developer reference, "getblocks": protocol 70001, two locator hashes, zero stop hash. */
    @Test
    void getBlocksFromTheDeveloperReference() throws Exception {
        byte[] payload = hex(LOCATOR_PAYLOAD);
        GetBlocksMessage gb = assertInstanceOf(GetBlocksMessage.class, registry.decode("getblocks", payload));
        assertEquals(70001, gb.version());
        assertEquals(List.of(
                Hash256.fromHex("00000000000000001bd3146aa1555e10b23b63e6d484987237b575778a609fd3"),
                Hash256.fromHex("00000000000000000aea3be27cda4b71011c2b60fb8a2e0a113708d403643e5c")), gb.locator());
        assertTrue(gb.hashStop().isZero());
        assertArrayEquals(payload, gb.payload());
    }

    /** getheaders has the same payload as getblocks (the reference says so and shows one dump for both). */
    @Test
    void getHeadersHasTheGetBlocksFormat() throws Exception {
        byte[] payload = hex(LOCATOR_PAYLOAD);
        GetHeadersMessage gh = assertInstanceOf(GetHeadersMessage.class, registry.decode("getheaders", payload));
        GetBlocksMessage gb = (GetBlocksMessage) registry.decode("getblocks", payload);
        assertEquals(gb.version(), gh.version());
        assertEquals(gb.locator(), gh.locator());
        assertEquals(gb.hashStop(), gh.hashStop());
        assertArrayEquals(payload, gh.payload());
    }

    /** Developer reference, "headers": one header (version 2, time 1415239972, bits 0x181bc330) and count 0. */
    @Test
    void headersFromTheDeveloperReference() throws Exception {
        byte[] payload = hex("""
                01
                02000000
                b6ff0b1b1680a2862a30ca44d346d9e8 910d334beb48ca0c0000000000000000
                9d10aa52ee949386ca9385695f04ede2 70dda20810decd12bc9b048aaab31471
                24d95a54
                30c31b18
                fe9f0864
                00
                """);
        HeadersMessage hm = assertInstanceOf(HeadersMessage.class, registry.decode("headers", payload));
        assertEquals(1, hm.headers().size());
        BlockHeader h = hm.headers().get(0);
        assertEquals(2, h.version());
        assertEquals(Hash256.fromHex("00000000000000000cca48eb4b330d91e8d946d344ca302a86a280161b0bffb6"), h.prevHash());
        assertEquals(Hash256.fromHex("7114b3aa8a049bbc12cdde1008a2dd70e2ed045f698593ca869394ee52aa109d"), h.merkleRoot());
        assertEquals(1415239972L, h.time());
        assertEquals(0x181bc330L, h.bits());
        assertEquals(0x64089ffeL, h.nonce());
        assertArrayEquals(payload, hm.payload());
        assertFalse(payload.length > HeadersMessage.MAX_PAYLOAD);
    }
}
