package org.nakamoto.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.p2p.wire.TestBytes.concat;
import static org.nakamoto.p2p.wire.TestBytes.hex;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nakamoto.chain.model.Hash256;

/** Payloads that must be refused, and the few oddities Bitcoin Core accepts that must be accepted too. */
class MessageDecodeErrorsTest {
    private final MessageRegistry registry = MessageRegistry.standard();

    private WireError errorOf(String command, byte[] payload) {
        WireException e = assertThrows(WireException.class, () -> registry.decode(command, payload));
        assertFalse(e.isFatal(), "a payload error never desynchronises the stream");
        return e.error();
    }

    static Stream<Samples.Sample> nonEmptySamples() {
        return Samples.all().stream().filter(s -> s.payload().length > 0 && !(s.message() instanceof UnknownMessage));
    }

    static Stream<Samples.Sample> strictSamples() {
        return Samples.all().stream()
                .filter(s -> !(s.message() instanceof UnknownMessage) && !(s.message() instanceof VersionMessage));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strictSamples")
    void trailingBytesAreRefused(Samples.Sample s) {
        byte[] longer = concat(s.payload(), new byte[] {0});
        WireError expected = registry.maxPayload(s.message().command()) < longer.length
                ? WireError.OVERSIZED_PAYLOAD // the empty messages: one byte is already over their limit
                : WireError.TRAILING_BYTES;
        assertEquals(expected, errorOf(s.message().command(), longer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonEmptySamples")
    void everyTruncationIsMalformed(Samples.Sample s) {
        byte[] full = s.payload();
        // A version message without its final relay byte is still complete: the flag is optional.
        int shortest = s.message() instanceof VersionMessage ? full.length - 1 : full.length;
        for (int len = 0; len < shortest; len++) {
            assertEquals(WireError.MALFORMED_PAYLOAD, errorOf(s.message().command(), Arrays.copyOf(full, len)),
                    "prefix of " + len + " bytes");
        }
    }

    @Test
    void headersWithANonZeroTransactionCountAreMalformed() {
        byte[] header = Samples.genesisHeader().serialize();
        byte[] payload = concat(hex("01"), header, hex("01"));
        WireException e = assertThrows(WireException.class, () -> registry.decode("headers", payload));
        assertEquals(WireError.MALFORMED_PAYLOAD, e.error());
        assertTrue(e.getMessage().contains("transaction count 1"), e.getMessage());
        // A full block body in a headers message (count then transactions) is refused the same way.
        byte[] genesis = hex(Samples.GENESIS_HEX);
        assertEquals(WireError.MALFORMED_PAYLOAD, errorOf("headers", concat(hex("01"), genesis)));
    }

    @Test
    void listsLongerThanTheProtocolAllowsAreRefusedBeforeReadingThem() {
        // Counts one over each limit, with no entries behind them: the count alone is the offence.
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("inv", hex("fd51c3"))); // 50,001
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("getdata", hex("fd51c3")));
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("notfound", hex("fd51c3")));
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("addr", hex("fde903"))); // 1,001
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("headers", hex("fdd107"))); // 2,001
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("getheaders", hex("80110100 66"))); // 102
        assertEquals(WireError.TOO_MANY_ENTRIES, errorOf("getblocks", hex("80110100 66")));
    }

    @Test
    void listsAtTheLimitAreAccepted() throws Exception {
        List<Hash256> locator = Collections.nCopies(GetHeadersMessage.MAX_LOCATOR_HASHES, Samples.H1);
        GetHeadersMessage gh = new GetHeadersMessage(70016, locator, Hash256.ZERO);
        assertEquals(GetHeadersMessage.MAX_PAYLOAD, gh.payload().length);
        assertEquals(gh, registry.decode("getheaders", gh.payload()));

        InvMessage inv = new InvMessage(Collections.nCopies(InvMessage.MAX_ENTRIES, InvItem.tx(Samples.H2)));
        assertEquals(InvMessage.MAX_PAYLOAD, inv.payload().length);
        assertEquals(inv, registry.decode("inv", inv.payload()));

        HeadersMessage hm = new HeadersMessage(Collections.nCopies(HeadersMessage.MAX_ENTRIES, Samples.genesisHeader()));
        assertEquals(HeadersMessage.MAX_PAYLOAD, hm.payload().length);
        assertEquals(hm, registry.decode("headers", hm.payload()));
    }

    @Test
    void constructorsRefuseListsPeersWouldRefuse() {
        assertThrows(IllegalArgumentException.class,
                () -> new AddrMessage(Collections.nCopies(1001, new TimedPeerAddress(0, PeerAddress.unspecified(0)))));
        assertThrows(IllegalArgumentException.class,
                () -> new GetBlocksMessage(1, Collections.nCopies(102, Samples.H1), Hash256.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new NotFoundMessage(Collections.nCopies(50_001, InvItem.tx(Samples.H1))));
    }

    @Test
    void nonCanonicalCountsAreMalformed() {
        assertEquals(WireError.MALFORMED_PAYLOAD, errorOf("inv", hex("fd0100"))); // 1 written in three bytes
    }

    @Test
    void payloadsOverTheMessageLimitAreRefusedBeforeDecoding() {
        assertEquals(WireError.OVERSIZED_PAYLOAD, errorOf("ping", new byte[9]));
        assertEquals(WireError.OVERSIZED_PAYLOAD, errorOf("verack", new byte[1]));
        assertEquals(WireError.OVERSIZED_PAYLOAD, errorOf("version", new byte[VersionMessage.MAX_PAYLOAD + 1]));
        assertEquals(WireError.OVERSIZED_PAYLOAD, errorOf("getheaders", new byte[GetHeadersMessage.MAX_PAYLOAD + 1]));
    }

    @Test
    void messageLimitsAreThoseOfTheProtocol() {
        assertEquals(0, registry.maxPayload("verack"));
        assertEquals(0, registry.maxPayload("getaddr"));
        assertEquals(0, registry.maxPayload("sendheaders"));
        assertEquals(0, registry.maxPayload("mempool"));
        assertEquals(8, registry.maxPayload("ping"));
        assertEquals(8, registry.maxPayload("pong"));
        assertEquals(3 + 1000 * 30, registry.maxPayload("addr"));
        assertEquals(3 + 50_000 * 36, registry.maxPayload("inv"));
        assertEquals(3 + 2000 * 81, registry.maxPayload("headers"));
        assertEquals(4 + 1 + 102 * 32, registry.maxPayload("getheaders"));
        assertEquals(4_000_000, registry.maxPayload("block"));
        assertEquals(4_000_000, registry.maxPayload("tx"));
        assertEquals(4_000_000, registry.maxPayload("anything-new"));
        assertTrue(VersionMessage.MAX_KNOWN_FIELDS <= VersionMessage.MAX_PAYLOAD);
    }

    private byte[] versionPayload() {
        return Samples.all().get(0).payload();
    }

    @Test
    void versionWithoutRelayMeansRelay() throws Exception {
        byte[] full = versionPayload();
        VersionMessage v = (VersionMessage) registry.decode("version", Arrays.copyOf(full, full.length - 1));
        assertEquals(Optional.empty(), v.relay());
        assertTrue(v.relaysTransactions());
        assertFalse(((VersionMessage) registry.decode("version", full)).relaysTransactions());
    }

    /** Core reads the fields it knows and ignores the rest; so does this decoder, for version only. */
    @Test
    void versionIgnoresTrailingBytes() throws Exception {
        byte[] full = versionPayload();
        VersionMessage expected = (VersionMessage) registry.decode("version", full);
        assertEquals(expected, registry.decode("version", concat(full, hex("deadbeef"))));
    }

    @Test
    void versionRelayByteIsABoolAsCoreReadsIt() throws Exception {
        byte[] full = versionPayload();
        full[full.length - 1] = 2; // any non-zero byte is true
        assertEquals(Optional.of(true), ((VersionMessage) registry.decode("version", full)).relay());
    }

    @Test
    void userAgentLongerThan256BytesIsMalformed() {
        byte[] full = versionPayload();
        int uaAt = 4 + 8 + 8 + 26 + 26 + 8;
        byte[] head = Arrays.copyOf(full, uaAt);
        byte[] ua257 = concat(hex("fd0101"), new byte[257]);
        byte[] tail = hex("07000000 01");
        assertEquals(WireError.MALFORMED_PAYLOAD, errorOf("version", concat(head, ua257, tail)));
        // 256 bytes is the limit and is accepted.
        byte[] ua256 = concat(hex("fd0001"), "a".repeat(256).getBytes());
        VersionMessage v = assertInstanceOf(VersionMessage.class,
                assertDoesNotThrow(() -> registry.decode("version", concat(head, ua256, tail))));
        assertEquals("a".repeat(256), v.userAgent());
    }

    @Test
    void witnessInventoryTypesDecodeAndAreKnown() throws Exception {
        byte[] payload = hex("""
                03
                01000040 0101010101010101010101010101010101010101010101010101010101010101
                02000040 0101010101010101010101010101010101010101010101010101010101010101
                ffffffff 0101010101010101010101010101010101010101010101010101010101010101
                """);
        GetDataMessage gd = assertInstanceOf(GetDataMessage.class, registry.decode("getdata", payload));
        assertEquals(InvItem.MSG_WITNESS_TX, gd.items().get(0).type());
        assertEquals(InvItem.MSG_WITNESS_BLOCK, gd.items().get(1).type());
        assertEquals(-1, gd.items().get(2).type());
        // BIP144: the witness types are served now; an undefined type still is not.
        assertTrue(gd.items().get(0).isKnown() && gd.items().get(0).isAnyTx() && gd.items().get(0).wantsWitness());
        assertTrue(gd.items().get(1).isKnown() && gd.items().get(1).isAnyBlock() && gd.items().get(1).wantsWitness());
        assertTrue(!gd.items().get(2).isKnown());
    }

    @Test
    void unknownCommandsAreKeptNotRefused() throws Exception {
        Message m = registry.decode("feefilter", hex("e803000000000000"));
        UnknownMessage u = assertInstanceOf(UnknownMessage.class, m);
        assertEquals("feefilter", u.command());
        assertEquals(8, u.payload().length);
        assertFalse(registry.knows("feefilter"));
    }
}
