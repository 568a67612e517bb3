package org.nakamoto.chain.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nakamoto.chain.consensus.BlockConnector;
import org.nakamoto.chain.consensus.HeaderListAncestry;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.P2pkhChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * {@code BlockConnector.connect} of a generated 1,100-block chain of real 2-input, 2-output transactions
 * against an in-memory UTXO set, sequential and with the 2-thread parallel verifier, on this process's
 * engine, for three chains of the same shape: P2PKH, P2WPKH and taproot key-path (BIP 86) spends. Each is measured three
 * times, the chains taking turns, after a warm-up round; the median is reported, per transaction and per
 * input. A
 * main class too, so {@link ChainBench} can run it in a JVM with the other engine.
 */
final class TxValidateBench {
    /** Measured rounds per chain and verifier; the median is reported. */
    private static final int ROUNDS = 3;

    private TxValidateBench() {
    }

    /** Transactions per second of wall clock, and per second of the process's CPU time (all threads). */
    record Rate(double perSecond, double inputsPerSecond, double perCpuSecond) {
    }

    /** Prints "TX verifier tx/s tx/cpu-s" lines for the parent benchmark to read. */
    public static void main(String[] args) throws Exception {
        run().forEach((verifier, rate) -> System.out.printf(Locale.ROOT, "TX %s %.1f %.1f %.1f%n", verifier,
                rate.perSecond(), rate.inputsPerSecond(), rate.perCpuSecond()));
    }

    /** Transactions validated per second by chain and verifier ("p2pkh/sequential", "p2tr/parallel-2"), once warm. */
    static Map<String, Rate> run() throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        NetworkParams p = TestNetworks.withMaturity(TestNetworks.regtest(), 100);
        Map<String, List<Block>> chains = new LinkedHashMap<>();
        chains.put("p2pkh", new P2pkhChain(p).extend(1_100, 20).blocks());
        chains.put("p2wpkh", P2pkhChain.segwit(p).extend(1_100, 20).blocks());
        chains.put("p2tr", P2pkhChain.taproot(p).extend(1_100, 20).blocks());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, InputVerifier> verifiers = new LinkedHashMap<>();
        verifiers.put("sequential", ScriptInputVerifier.sequential());
        verifiers.put("parallel-2", ScriptInputVerifier.parallel(pool, 2));
        Map<String, List<Rate>> samples = new LinkedHashMap<>();
        try {
            // Round 0 warms every chain's code paths; rounds 1..ROUNDS are measured, the chains taking
            // turns so that a slow moment of the machine does not fall on one chain only.
            for (int round = 0; round <= ROUNDS; round++) {
                for (var chain : chains.entrySet()) {
                    List<Block> blocks = chain.getValue();
                    for (var e : verifiers.entrySet()) {
                        Rate r = connectAll(p, blocks, e.getValue(), os);
                        if (round > 0) {
                            samples.computeIfAbsent(chain.getKey() + "/" + e.getKey(), k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Rate> rates = new LinkedHashMap<>();
        samples.forEach((key, list) -> {
            list.sort(java.util.Comparator.comparingDouble(Rate::perSecond));
            rates.put(key, list.get(list.size() / 2));
        });
        return rates;
    }

    /** Connects every block of {@code blocks} to an empty in-memory UTXO set: the rate of one pass. */
    private static Rate connectAll(NetworkParams p, List<Block> blocks, InputVerifier verifier,
            com.sun.management.OperatingSystemMXBean os) throws Exception {
        long txs = blocks.stream().mapToLong(b -> b.transactions().size() - 1).sum();
        long inputs = blocks.stream().flatMap(b -> b.transactions().stream().skip(1))
                .mapToLong(tx -> tx.inputs().size()).sum();
        List<BlockHeader> headers = new ArrayList<>(List.of(p.genesis().header()));
        blocks.forEach(b -> headers.add(b.header()));
        BlockConnector connector = new BlockConnector(p, verifier);
        MemoryUtxoSet utxo = new MemoryUtxoSet();
        long t0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        for (int h = 1; h <= blocks.size(); h++) {
            UtxoCache c = new UtxoCache(utxo);
            connector.connect(blocks.get(h - 1), HeaderListAncestry.sharing(headers, h - 1), c);
            utxo.apply(c);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Rate(txs / seconds, inputs / seconds, txs / ((os.getProcessCpuTime() - cpu0) / 1e9));
    }
}
