package org.nakamoto.p2p;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Block propagation across ten nodes on loopback: the time from the producer connecting a block to the
 * last node connecting it, for empty blocks and for blocks of about 1 MB. Run with
 * {@code mvn -o -pl p2p -am test -Dtest='*Bench' -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class PropagationBench {
    @TempDir
    Path dir;

    /** Connection times per block hash, per node index (System.nanoTime). */
    private final Map<Hash256, long[]> connected = new ConcurrentHashMap<>();

    @Test
    void smallBlocks() {
        run("empty blocks", 40, 0);
    }

    @Test
    void oneMegabyteBlocks() {
        run("~1 MB blocks", 15, 990_000);
    }

    private void run(String label, int blocks, int blockBytes) {
        NetworkParams params = TestNetworks.withMaturity(TestNetworks.regtest(), 1);
        try (TestNetwork net = new TestNetwork()) {
            List<TestNode> nodes = net.addSeeded("n", 10, params, dir);
            TestNetwork.awaitConnected(nodes, 4, Duration.ofSeconds(30));
            for (int i = 0; i < nodes.size(); i++) {
                int index = i;
                nodes.get(i).chain.events().subscribe(new ChainListener() {
                    @Override
                    public void blockConnected(Block block, BlockNode node) {
                        connected.computeIfAbsent(block.hash(), h -> new long[10])[index] = System.nanoTime();
                    }
                });
            }
            TestNode producer = nodes.get(3);
            producer.produce(2, 9); // outputs to spend
            TestNetwork.awaitSameTip(nodes, Duration.ofSeconds(30));
            List<Double> millis = new ArrayList<>();
            for (int k = 0; k < blocks; k++) {
                List<Transaction> txs = blockBytes == 0 ? List.of() : filler(producer, blockBytes);
                Block b = producer.produce(txs, 9);
                TestNetwork.awaitSameTip(nodes, Duration.ofSeconds(60));
                long[] t = connected.get(b.hash());
                long last = 0;
                for (long x : t) {
                    last = Math.max(last, x);
                }
                millis.add((last - t[3]) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("BENCH propagation %s (%d bytes): n=%d median=%.1f ms p90=%.1f ms max=%.1f ms%n", label,
                    blockBytes == 0 ? 0 : producer.chain.blockBytes(producer.tip().hash()).length, millis.size(),
                    millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)), millis.get(millis.size() - 1));
        }
    }

    /** A chain of transactions spending the tip's coinbase, padded with OP_RETURN data to about {@code bytes}. */
    private static List<Transaction> filler(TestNode producer, int bytes) {
        Block tipBlock = producer.chain.block(producer.tip().hash());
        Transaction prev = tipBlock.transactions().get(0);
        List<Transaction> txs = new ArrayList<>();
        int perTx = 9_900;
        int total = 300;
        while (total + perTx + 200 < bytes) {
            Transaction tx = paddedSpend(prev, perTx);
            txs.add(tx);
            total += tx.size();
            prev = tx;
        }
        return txs;
    }

    /** Spends output 0 of {@code prev} (OP_TRUE) to one OP_TRUE output, with {@code padding} bytes in an OP_RETURN. */
    private static Transaction paddedSpend(Transaction prev, int padding) {
        byte[] data = new byte[padding + 1];
        data[0] = 0x6a; // OP_RETURN: unspendable, so not in the UTXO set
        return new Transaction.Builder()
                .addInput(new OutPoint(prev.txid(), 0), Script.EMPTY)
                .addOutput(prev.outputs().get(0).value(), BlockBuilder.OP_TRUE)
                .addOutput(0, Script.of(data))
                .build();
    }
}
