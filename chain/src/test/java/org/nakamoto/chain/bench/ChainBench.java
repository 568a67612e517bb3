package org.nakamoto.chain.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.consensus.HeaderListAncestry;
import org.nakamoto.chain.blockfile.BlockFileWriter;
import org.nakamoto.chain.blockfile.BlockImporter;
import org.nakamoto.chain.consensus.BlockConnector;
import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.testing.MainnetBlocks;
import org.nakamoto.chain.testing.P2pkhChain;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Chain benchmarks: signature verifications per second, transactions validated per
 * second, and block import speed into LevelDB. Tagged "bench": excluded from the normal build; run with
 * scripts/bench-chain.sh. Prints results; asserts nothing about time.
 */
@Tag("bench")
class ChainBench {
    private static final int IMPORT_BLOCKS = Integer.getInteger("bench.blocks", 10_000);

    @Test
    void signatureVerificationsPerSecond() throws Exception {
        EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(123456789));
        byte[] pub = key.publicKeyBytes(true);
        int n = 2000;
        byte[][] hashes = new byte[n][];
        byte[][] sigs = new byte[n][];
        for (int i = 0; i < n; i++) {
            hashes[i] = org.nakamoto.chain.crypto.Hashes.sha256(("msg" + i).getBytes());
            sigs[i] = key.sign(hashes[i]).encodeDer();
        }
        // warm up the JIT
        verifyAll(hashes, sigs, pub, 0, n);
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long rounds = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 5_000_000_000L) {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = t * n / threads;
                    int to = (t + 1) * n / threads;
                    fs.add(pool.submit(() -> verifyAll(hashes, sigs, pub, from, to)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                rounds++;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double perSec = rounds * n / secs;
            System.out.printf("BENCH ecdsa-verify threads=%d verifications/s=%.0f per-thread=%.0f%n",
                    threads, perSec, perSec / threads);
            pool.shutdown();
        }
    }

    private static void verifyAll(byte[][] hashes, byte[][] sigs, byte[] pub, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Secp256k1.verify(hashes[i], sigs[i], pub)) {
                throw new IllegalStateException("signature " + i + " did not verify");
            }
        }
    }

    /**
     * Legacy P2PKH and segwit P2WPKH chains of the same shape (2-in 2-out spends), side by side in one run:
     * what BIP 143's cached hashes and the witness path cost or save per validated input.
     */
    @Test
    void transactionsValidatedPerSecond() throws Exception {
        NetworkParams p = TestNetworks.withMaturity(TestNetworks.regtest(), 100);
        validate(p, "p2pkh", new P2pkhChain(p).extend(1_100, 20).blocks());
        validate(p, "p2wpkh", P2pkhChain.segwit(p).extend(1_100, 20).blocks());
    }

    private static void validate(NetworkParams p, String kind, List<Block> blocks) throws Exception {
        long txs = blocks.stream().mapToLong(b -> b.transactions().size() - 1).sum();
        List<org.nakamoto.chain.model.BlockHeader> headers = new java.util.ArrayList<>(List.of(p.genesis().header()));
        blocks.forEach(b -> headers.add(b.header()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        java.util.Map<String, InputVerifier> verifiers = new java.util.LinkedHashMap<>();
        verifiers.put("sequential", ScriptInputVerifier.sequential());
        verifiers.put("parallel(2 threads)", ScriptInputVerifier.parallel(pool, 2));
        for (int run = 0; run < 2; run++) { // the first run warms up the JIT
            for (var e : verifiers.entrySet()) {
                BlockConnector connector = new BlockConnector(p, e.getValue());
                MemoryUtxoSet utxo = new MemoryUtxoSet();
                long t0 = System.nanoTime();
                for (int h = 1; h <= blocks.size(); h++) {
                    UtxoCache c = new UtxoCache(utxo);
                    connector.connect(blocks.get(h - 1), HeaderListAncestry.sharing(headers, h - 1), c);
                    utxo.apply(c);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (run == 1) {
                    System.out.printf("BENCH tx-validate chain=%s verifier=%s blocks=%d txs=%d inputs=%d tx/s=%.0f"
                            + " inputs/s=%.0f%n", kind, e.getKey(), blocks.size(), txs, txs * 2, txs / secs,
                            txs * 2 / secs);
                }
            }
        }
        pool.shutdown();
    }

    @Test
    void importGeneratedP2pkhChainIntoLevelDb() throws Exception {
        NetworkParams p = TestNetworks.withMaturity(TestNetworks.regtest(), 100);
        List<Block> blocks = new P2pkhChain(p).extend(IMPORT_BLOCKS, 4).blocks();
        long txs = blocks.stream().mapToLong(b -> b.transactions().size()).sum();
        Path dir = Files.createTempDirectory("bench-import");
        Path file = dir.resolve("blk00000.dat");
        try (BlockFileWriter w = new BlockFileWriter(file, p.magicBytes())) {
            for (Block b : blocks) {
                w.write(b);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestChain n = new TestChain(dir.resolve("store"), p, ScriptInputVerifier.parallel(pool, 2))) {
            long t0 = System.nanoTime();
            BlockImporter.Result r = new BlockImporter(n.chain,
                    pr -> System.out.printf("  progress: %d blocks, height %d, %.0f blocks/s%n",
                            pr.blocksRead(), pr.tipHeight(), pr.blocksPerSecond()), 5000).importFile(file);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("BENCH import-generated blocks=%d txs=%d (incl. coinbases) bytes=%d seconds=%.1f blocks/s=%.0f tx/s=%.0f tip=%d%n",
                    r.read(), txs, Files.size(file), secs, r.read() / secs, txs / secs, r.tipHeight());
        }
        pool.shutdown();
    }

    @Test
    void importMainnetBlocks0To438IntoLevelDb() throws Exception {
        NetworkParams p = ParamsLoader.builtIn("mainnet");
        Path dir = Files.createTempDirectory("bench-mainnet");
        Path file = dir.resolve("blk00000.dat");
        Files.write(file, MainnetBlocks.rawFile());
        long txs = MainnetBlocks.all().stream().mapToLong(b -> b.transactions().size()).sum();
        try (TestChain n = new TestChain(dir.resolve("store"), p, ScriptInputVerifier.sequential())) {
            long t0 = System.nanoTime();
            BlockImporter.Result r = new BlockImporter(n.chain, pr -> { }, 60_000).importFile(file);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("BENCH import-mainnet blocks=%d txs=%d seconds=%.2f blocks/s=%.0f tx/s=%.0f tip=%d%n",
                    r.read(), txs, secs, r.read() / secs, txs / secs, r.tipHeight());
        }
    }
}
