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
 * engine, for three chains of the same shape: P2PKH, P2WPKH and taproot key-path (BIP 86) spends. Rates are
 * given per transaction and per input. A
 * main class too, so {@link ChainBench} can run it in a JVM with the other engine.
 */
final class TxValidateBench {
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
        Map<String, Rate> rates = new LinkedHashMap<>();
        try {
            for (var chain : chains.entrySet()) {
                List<Block> blocks = chain.getValue();
                long txs = blocks.stream().mapToLong(b -> b.transactions().size() - 1).sum();
                long inputs = blocks.stream().flatMap(b -> b.transactions().stream().skip(1))
                        .mapToLong(tx -> tx.inputs().size()).sum();
                List<BlockHeader> headers = new ArrayList<>(List.of(p.genesis().header()));
                blocks.forEach(b -> headers.add(b.header()));
                for (int run = 0; run < 2; run++) { // the first run warms up the JIT
                    for (var e : verifiers.entrySet()) {
                        BlockConnector connector = new BlockConnector(p, e.getValue());
                        MemoryUtxoSet utxo = new MemoryUtxoSet();
                        long t0 = System.nanoTime();
                        long cpu0 = os.getProcessCpuTime();
                        for (int h = 1; h <= blocks.size(); h++) {
                            UtxoCache c = new UtxoCache(utxo);
                            connector.connect(blocks.get(h - 1), HeaderListAncestry.sharing(headers, h - 1), c);
                            utxo.apply(c);
                        }
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        rates.put(chain.getKey() + "/" + e.getKey(), new Rate(txs / seconds, inputs / seconds,
                                txs / ((os.getProcessCpuTime() - cpu0) / 1e9)));
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        return rates;
    }
}
