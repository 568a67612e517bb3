package org.nakamoto.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.WitnessCommitment;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.WitnessV0Signer;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestMiner;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * BIP144/BIP339 between two nakamoto nodes and a hand-written peer: a P2WPKH spend relayed from A to B keeps
 * its witness (the nodes negotiate wtxidrelay and fetch by wtxid); a block carrying it reaches B with its
 * witnesses; and a legacy request (MSG_TX, MSG_BLOCK) gets the stripped serialization while a witness
 * request (MSG_WITNESS_TX, MSG_WITNESS_BLOCK) gets the full one.
 */
class WitnessRelayTest {
    private static final int MSG_TX = 1;
    private static final int MSG_BLOCK = 2;
    private static final int MSG_WITNESS_TX = 0x40000001;
    private static final int MSG_WITNESS_BLOCK = 0x40000002;

    @TempDir
    Path dir;

    @Test
    void witnessesSurviveRelayAndEachPeerGetsTheFormItAskedFor() throws IOException {
        NetworkParams params = TestNetworks.regtest();
        Vertx vertx = Vertx.vertx();
        try (TestNode a = new TestNode("a", vertx, params, dir.resolve("a"), TestNode.fastConfig().build()).start();
                TestNode b = new TestNode("b", vertx, params, dir.resolve("b"), TestNode.fastConfig().build()).start()) {
            List<Block> blocks = a.produce(101, 1);
            TestNode.await(b.net.addNode(a.address()));
            Await.until(Duration.ofSeconds(20), () -> b.tip().hash().equals(a.tip().hash()), () -> "b synced");
            PeerInfo fromB = TestNode.await(b.net.peerInfo()).get(0);
            assertEquals(9, fromB.services(), "NODE_NETWORK | NODE_WITNESS");

            // A coinbase (OP_TRUE) pays a P2WPKH output; then that output is spent with a witness.
            EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(14));
            Script p2wpkh = SegwitAddress.p2wpkh("bcrt", Hashes.hash160(key.publicKeyBytes(true))).scriptPubKey();
            Transaction cb = blocks.get(0).transactions().get(0);
            long value = cb.outputs().get(0).value() - 10_000;
            Transaction fund = new Transaction.Builder().addInput(new OutPoint(cb.txid(), 0), Script.EMPTY)
                    .addOutput(value, p2wpkh).build();
            a.produce(List.of(fund), 2);
            Transaction unsigned = new Transaction.Builder().addInput(new OutPoint(fund.txid(), 0), Script.EMPTY)
                    .addOutput(value - 10_000, BlockBuilder.OP_TRUE).build();
            Transaction spend = unsigned.toBuilder()
                    .setWitness(0, WitnessV0Signer.payToWitnessKeyHash(key, unsigned, 0, value, new PrecomputedTxData(unsigned)))
                    .build();
            assertTrue(spend.hasWitness());
            Await.until(Duration.ofSeconds(20), () -> b.tip().hash().equals(a.tip().hash()), () -> "b has the funding block");
            a.submit(spend);
            Await.until(Duration.ofSeconds(20), () -> b.mempool.contains(spend.txid()), () -> "relayed to b");
            Transaction atB = b.mempool.get(spend.txid()).tx();
            assertEquals(spend.wtxid(), atB.wtxid(), "b got the witness, not a stripped copy");

            try (RawPeer raw = RawPeer.connect(a.address().port(), params)) {
                raw.handshake(0);
                raw.send("getdata", RawPeer.inventory(MSG_TX, List.of(spend.txid().toBytes())));
                assertArrayEquals(spend.serializeWithoutWitness(), raw.expect("tx").payload(), "MSG_TX: stripped");
                raw.send("getdata", RawPeer.inventory(MSG_WITNESS_TX, List.of(spend.txid().toBytes())));
                assertArrayEquals(spend.serialize(), raw.expect("tx").payload(), "MSG_WITNESS_TX: with witness");
            }

            Block withWitness = a.onChain(c -> {
                Block draft = BlockBuilder.onNode(params, c.tip(), List.of(spend), 3, System.currentTimeMillis() / 1000);
                List<Transaction> txs = new ArrayList<>(draft.transactions());
                txs.set(0, WitnessCommitment.addTo(txs));
                Block blk = new Block(TestMiner.mine(draft.header().withMerkleRoot(MerkleTree.ofTransactions(txs).root())), txs);
                c.acceptBlock(blk);
                return blk;
            });
            assertEquals(withWitness.hash(), a.tip().hash());
            Await.until(Duration.ofSeconds(20), () -> b.tip().hash().equals(a.tip().hash()), () -> "b has the witness block");
            assertArrayEquals(withWitness.serialize(), b.chain.blockBytes(withWitness.hash()), "b stored the witnesses");

            try (RawPeer raw = RawPeer.connect(b.address().port(), params)) {
                raw.handshake(0);
                byte[] h = withWitness.hash().toBytes();
                raw.send("getdata", RawPeer.inventory(MSG_BLOCK, List.of(h)));
                byte[] stripped = raw.expect("block").payload();
                assertArrayEquals(withWitness.serializeWithoutWitness(), stripped, "MSG_BLOCK: stripped");
                raw.send("getdata", RawPeer.inventory(MSG_WITNESS_BLOCK, List.of(h)));
                byte[] full = raw.expect("block").payload();
                assertArrayEquals(withWitness.serialize(), full, "MSG_WITNESS_BLOCK: with witnesses");
                assertTrue(full.length > stripped.length);
                assertArrayEquals(h, RawPeer.sha256d(Arrays.copyOf(full, 80)));
            }
        } finally {
            TestNode.await(vertx.close());
        }
    }

    /** As Core: once segwit applies (regtest: from genesis), blocks are not fetched from a peer without NODE_WITNESS. */
    @Test
    void noBlocksAreFetchedFromAPeerWithoutWitnessSupport() throws IOException {
        NetworkParams params = TestNetworks.regtest();
        Vertx vertx = Vertx.vertx();
        try (TestNode source = new TestNode("source", vertx, params, dir.resolve("s"), TestNode.fastConfig().build()).start();
                TestNode node = new TestNode("node", vertx, params, dir.resolve("n"), TestNode.fastConfig().build()).start()) {
            List<Block> blocks = source.produce(3, 1);
            for (long services : new long[] {1, 9}) {
                try (RawPeer raw = RawPeer.connect(node.address().port(), params)) {
                    raw.handshake(70016, 3, services);
                    java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
                    RawPeer.writeCompactSize(headers, blocks.size());
                    for (Block blk : blocks) {
                        headers.writeBytes(Arrays.copyOf(blk.serialize(), 80));
                        headers.write(0);
                    }
                    raw.send("headers", headers.toByteArray());
                    boolean asked = raw.commandsWithin(Duration.ofSeconds(2)).contains("getdata");
                    assertEquals(services == 9, asked, "services " + services + ": blocks requested only from witness peers");
                }
            }
        } finally {
            TestNode.await(vertx.close());
        }
    }

    /** A block stored without its witnesses (as a pre-segwit node version stored it) is recognised, so it is never served stripped to a witness request. */
    @Test
    void aBlockStoredWithoutItsWitnessesIsRecognised() {
        Transaction coinbase = new Transaction.Builder()
                .addInput(new org.nakamoto.chain.model.TxIn(OutPoint.NULL, Script.of(new byte[] {1, 1}), 0xffffffffL))
                .addOutput(50, BlockBuilder.OP_TRUE).build();
        Transaction spend = new Transaction.Builder().addInput(new OutPoint(coinbase.txid(), 0), Script.EMPTY)
                .addOutput(40, BlockBuilder.OP_TRUE).build().toBuilder()
                .setWitness(0, org.nakamoto.chain.model.Witness.of(new byte[] {7})).build();
        List<Transaction> txs = new ArrayList<>(List.of(coinbase, spend));
        txs.set(0, WitnessCommitment.addTo(txs));
        Block full = new Block(new org.nakamoto.chain.model.BlockHeader(4,
                org.nakamoto.chain.model.Hash256.ZERO, MerkleTree.ofTransactions(txs).root(), 0, 0x207fffff, 0), txs);
        assertTrue(!DataServer.lacksWitness(full));
        assertTrue(DataServer.lacksWitness(Block.parse(full.serializeWithoutWitness())));
        Block legacy = new Block(full.header(), List.of(coinbase));
        assertTrue(!DataServer.lacksWitness(legacy), "no commitment: nothing is missing");
    }
}
