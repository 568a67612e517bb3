package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * A peer that syncs only with getblocks, as bcoin and pre-headers clients do, written by hand with
 * RawPeer: it gets at most 500 hashes per inv, asks for those blocks, and sends its next getblocks only
 * when the node announces a block it does not know. Without Core's hashContinue (announce the tip when the
 * last block of a full inv is asked for) such a peer stops at 500 blocks.
 */
class GetBlocksSyncTest {
    private static final int BLOCKS = 2_000;
    private static final int MSG_BLOCK = 2;

    @TempDir
    Path dir;

    @Test
    void getblocksClientDownloadsTwoThousandBlocks() throws IOException {
        NetworkParams params = TestNetworks.regtest();
        ChainFixture.build(params, dir.resolve("n"), BLOCKS);
        Vertx vertx = Vertx.vertx();
        try (TestNode node = new TestNode("node", vertx, params, dir.resolve("n"), TestNode.fastConfig().build()).start()) {
            assertEquals(BLOCKS, node.tip().height());
            try (RawPeer raw = RawPeer.connect(node.address().port(), params)) {
                raw.handshake(0);
                List<byte[]> chain = new ArrayList<>();
                byte[] last = params.genesisHash().toBytes();
                int rounds = 0;
                while (chain.size() < BLOCKS) {
                    rounds++;
                    raw.send("getblocks", RawPeer.getHeaders(70016, List.of(last), new byte[32]));
                    List<byte[]> hashes = blockInv(raw);
                    assertEquals(Math.min(500, BLOCKS - chain.size()), hashes.size(), "round " + rounds);
                    raw.send("getdata", RawPeer.inventory(MSG_BLOCK, hashes));
                    for (byte[] h : hashes) {
                        byte[] block = raw.expect("block").payload();
                        assertArrayEquals(last, Arrays.copyOfRange(block, 4, 36), "links to the previous block");
                        assertArrayEquals(h, RawPeer.sha256d(Arrays.copyOf(block, 80)), "the block asked for");
                        last = h;
                        chain.add(h);
                    }
                    if (chain.size() < BLOCKS) {
                        // The continuation: an inv of the node's tip, which this peer does not have yet.
                        List<byte[]> tip = blockInv(raw);
                        assertEquals(1, tip.size());
                        assertEquals(node.tip().hash().toString(), RawPeer.display(tip.get(0)));
                    }
                }
                assertEquals(4, rounds);
                assertEquals(node.tip().hash().toString(), RawPeer.display(last));
            }
        } finally {
            TestNode.await(vertx.close());
        }
    }

    /** The block hashes of the next inv (type, hash entries). */
    private static List<byte[]> blockInv(RawPeer raw) throws IOException {
        byte[] p = raw.expect("inv").payload();
        int[] at = {0};
        long n = RawPeer.readCompactSize(p, at);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            assertEquals(MSG_BLOCK, RawPeer.readLe32(p, at[0]));
            out.add(Arrays.copyOfRange(p, at[0] + 4, at[0] + 36));
            at[0] += 36;
        }
        return out;
    }
}
