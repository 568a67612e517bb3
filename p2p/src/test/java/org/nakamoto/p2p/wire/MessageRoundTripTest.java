package org.nakamoto.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.p2p.wire.TestBytes.MAINNET;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;

/** Every message type: hand-written payload bytes, encoder output, and decode of the framed bytes agree. */
class MessageRoundTripTest {
    private final MessageRegistry registry = MessageRegistry.standard();

    static Stream<Samples.Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void payloadMatchesHandWrittenBytes(Samples.Sample s) {
        assertArrayEquals(s.payload(), s.message().payload());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodingTheHandWrittenBytesGivesTheMessage(Samples.Sample s) throws Exception {
        assertEquals(s.message(), registry.decode(s.message().command(), s.payload()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void frameRoundTrip(Samples.Sample s) throws Exception {
        byte[] wire = s.message().encode(MAINNET);
        assertArrayEquals(TestBytes.frame(s.message().command(), s.payload()), wire);
        FrameDecoder d = new FrameDecoder(MAINNET, registry);
        d.feed(wire);
        Frame f = d.next();
        assertNull(d.next());
        Message back = registry.decode(f);
        assertEquals(s.message(), back);
        assertArrayEquals(wire, back.encode(MAINNET));
    }

    @Test
    void everyRegisteredCommandHasASample() {
        Set<String> sampled = new HashSet<>();
        Samples.all().forEach(s -> sampled.add(s.message().command()));
        assertTrue(sampled.containsAll(registry.commands()), "missing samples for " + registry.commands());
        assertTrue(sampled.contains("sendcmpct"), "and one unknown command");
    }

    @Test
    void realBlocksDecodeToTheirKnownHashes() throws Exception {
        BlockMessage genesis = (BlockMessage) registry.decode("block", TestBytes.hex(Samples.GENESIS_HEX));
        assertEquals(Hash256.fromHex("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
                genesis.block().hash());
        TxMessage tx = (TxMessage) registry.decode("tx", TestBytes.hex(Samples.TX_170_HEX));
        assertEquals(Hash256.fromHex("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"),
                tx.tx().txid());
    }

    /** All samples back to back, fed one byte at a time: the decoder must not care how TCP splits them. */
    @Test
    void streamOfEveryMessageFedByteByByte() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Message> sent = new ArrayList<>();
        for (Samples.Sample s : Samples.all()) {
            stream.writeBytes(s.message().encode(MAINNET));
            sent.add(s.message());
        }
        byte[] all = stream.toByteArray();
        FrameDecoder d = new FrameDecoder(MAINNET, registry);
        List<Message> received = new ArrayList<>();
        for (byte b : all) {
            d.feed(new byte[] {b});
            for (Frame f = d.next(); f != null; f = d.next()) {
                received.add(registry.decode(f));
            }
        }
        assertEquals(sent, received);
        assertEquals(0, d.buffered());
    }

    @Test
    void messagesAreImmutable() {
        List<InvItem> items = new ArrayList<>(List.of(InvItem.tx(Samples.H1)));
        InvMessage inv = new InvMessage(items);
        items.clear();
        assertEquals(1, inv.items().size());

        byte[] raw = {1, 2, 3};
        UnknownMessage u = new UnknownMessage("foo", raw);
        raw[0] = 9;
        u.payload()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, u.payload());
    }

    @Test
    void blockAndTxPayloadsAreTheChainSerialization() {
        Block genesis = Block.fromHex(Samples.GENESIS_HEX);
        assertArrayEquals(genesis.serialize(), new BlockMessage(genesis).payload());
        Transaction tx = Transaction.fromHex(Samples.TX_170_HEX);
        assertArrayEquals(tx.serialize(), new TxMessage(tx).payload());
    }
}
