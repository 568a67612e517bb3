package org.nakamoto.p2p.wire;

import static org.nakamoto.p2p.wire.TestBytes.hex;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Transaction;

/**
 * One sample of every message type, each with its payload written out by hand from the protocol
 * description, so tests compare the encoder with bytes it did not produce.
 */
final class Samples {
    private Samples() {
    }

    record Sample(Message message, byte[] payload) {
        @Override
        public String toString() {
            return message.command();
        }
    }

    /** Bitcoin mainnet's genesis block (block 0 of shared/testdata/bitcoin/mainnet-blocks-0-438.dat). */
    static final String GENESIS_HEX = "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd"
            + "7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c01010000000100000000"
            + "00000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d6573"
            + "2030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f75"
            + "7420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e039"
            + "09a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";

    /** The first payment (block 170): block 9's coinbase spent to Hal Finney. */
    static final String TX_170_HEX = "0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd37040000"
            + "00004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07"
            + "de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f5"
            + "1b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5"
            + "c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6"
            + "909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000";

    static final Hash256 H1 = Hash256.wrap(hex("0101010101010101010101010101010101010101010101010101010101010101"));
    static final Hash256 H2 = Hash256.wrap(hex("02020202020202020202020202020202020202020202020202020202020202ff"));

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<Sample> all() {
        Block genesis = Block.fromHex(GENESIS_HEX);
        Transaction tx170 = Transaction.fromHex(TX_170_HEX);
        return List.of(
                new Sample(new VersionMessage(Protocol.PROTOCOL_VERSION, 1, 1_700_000_000L,
                        new PeerAddress(1, ip("127.0.0.1"), 18444),
                        new PeerAddress(0, ip("2001:db8::1"), 8333),
                        0x0123456789abcdefL, "/nakamoto:0.1.0/", 7, Optional.of(false)),
                        hex("""
                                80110100
                                0100000000000000
                                00f1536500000000
                                0100000000000000 00000000000000000000ffff7f000001 480c
                                0000000000000000 20010db8000000000000000000000001 208d
                                efcdab8967452301
                                10 2f6e616b616d6f746f3a302e312e302f
                                07000000
                                00
                                """)),
                new Sample(VerackMessage.INSTANCE, new byte[0]),
                new Sample(new PingMessage(0x0102030405060708L), hex("0807060504030201")),
                new Sample(new PongMessage(-1L), hex("ffffffffffffffff")),
                new Sample(new AddrMessage(List.of(
                        new TimedPeerAddress(0xfffffffeL, new PeerAddress(0x409, ip("192.0.2.51"), 8333)),
                        new TimedPeerAddress(1, new PeerAddress(1, ip("::1"), 1)))),
                        hex("""
                                02
                                feffffff 0904000000000000 00000000000000000000ffffc0000233 208d
                                01000000 0100000000000000 00000000000000000000000000000001 0001
                                """)),
                new Sample(GetAddrMessage.INSTANCE, new byte[0]),
                new Sample(new InvMessage(List.of(InvItem.block(H1), InvItem.tx(H2))), hex("""
                        02
                        02000000 0101010101010101010101010101010101010101010101010101010101010101
                        01000000 02020202020202020202020202020202020202020202020202020202020202ff
                        """)),
                new Sample(new GetDataMessage(List.of(new InvItem(InvItem.MSG_WITNESS_TX, H1))), hex("""
                        01
                        01000040 0101010101010101010101010101010101010101010101010101010101010101
                        """)),
                new Sample(new NotFoundMessage(List.of()), hex("00")),
                new Sample(new BlockMessage(genesis), hex(GENESIS_HEX)),
                new Sample(new TxMessage(tx170), hex(TX_170_HEX)),
                new Sample(new GetHeadersMessage(Protocol.PROTOCOL_VERSION, List.of(H2, H1), Hash256.ZERO), hex("""
                        80110100
                        02
                        02020202020202020202020202020202020202020202020202020202020202ff
                        0101010101010101010101010101010101010101010101010101010101010101
                        0000000000000000000000000000000000000000000000000000000000000000
                        """)),
                new Sample(new GetBlocksMessage(70001, List.of(), H1), hex("""
                        71110100
                        00
                        0101010101010101010101010101010101010101010101010101010101010101
                        """)),
                new Sample(new HeadersMessage(List.of(genesis.header(), genesis.header())), hex(
                        "02" + GENESIS_HEX.substring(0, 160) + "00" + GENESIS_HEX.substring(0, 160) + "00")),
                new Sample(SendHeadersMessage.INSTANCE, new byte[0]),
                new Sample(MempoolMessage.INSTANCE, new byte[0]),
                // wtxidrelay (BIP339): empty, between version and verack.
                new Sample(WtxidRelayMessage.INSTANCE, new byte[0]),
                // sendcmpct (BIP152): announce=false, version 2; unknown here, kept as raw bytes.
                new Sample(new UnknownMessage("sendcmpct", hex("000200000000000000")), hex("000200000000000000")));
    }

    static BlockHeader genesisHeader() {
        return Block.fromHex(GENESIS_HEX).header();
    }
}
