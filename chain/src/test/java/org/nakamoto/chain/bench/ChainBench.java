package org.nakamoto.chain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.blockfile.BlockFileWriter;
import org.nakamoto.chain.blockfile.BlockImporter;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.EcPublicKey;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.crypto.SignatureEngine;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.testing.MainnetBlocks;
import org.nakamoto.chain.testing.P2pkhChain;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestNetworks;

/**
 * Chain benchmarks: signature verifications per second, transactions validated per
 * second, and block import speed into LevelDB. Tagged "bench": excluded from the normal build; run with
 * scripts/bench-chain.sh. Prints results; asserts nothing about time.
 */
@Tag("bench")
class ChainBench {
    private static final int IMPORT_BLOCKS = Integer.getInteger("bench.blocks", 10_000);

    /**
     * ECDSA and BIP340 Schnorr verifications per second on each engine (libsecp256k1 and Bouncy Castle),
     * 1 and 2 threads, with the native/Java ratio. ECDSA goes the consensus way: key decoded and DER
     * parsed on every call, as {@code Secp256k1.verify} does; 256 different keys.
     */
    @Test
    void signatureVerificationsPerSecond() throws Exception {
        int n = 256;
        byte[][] hashes = new byte[n][];
        byte[][] ders = new byte[n][];
        byte[][] pubs = new byte[n][];
        byte[][] schnorrSigs = new byte[n][];
        byte[][] xOnly = new byte[n][];
        for (int i = 0; i < n; i++) {
            EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(1_000_003L * (i + 1)));
            hashes[i] = Hashes.sha256(("msg" + i).getBytes(StandardCharsets.UTF_8));
            ders[i] = key.sign(hashes[i]).encodeDer();
            pubs[i] = key.publicKeyBytes(true);
            schnorrSigs[i] = key.signSchnorr(hashes[i], new byte[32]);
            xOnly[i] = key.xOnlyPublicKey();
        }
        List<SignatureEngine> engines = new ArrayList<>();
        SignatureEngines.nativeEngine().ifPresentOrElse(engines::add,
                () -> System.out.println("BENCH native engine unavailable on this machine"));
        engines.add(SignatureEngines.java());
        Map<String, Rate> rates = new LinkedHashMap<>();
        for (String algo : List.of("ecdsa", "schnorr")) {
            for (SignatureEngine e : engines) {
                IntPredicate verify = algo.equals("ecdsa")
                        ? i -> ecdsa(e, hashes[i], ders[i], pubs[i])
                        : i -> e.verifySchnorr(schnorrSigs[i], hashes[i], xOnly[i]);
                rate(verify, n, 1, 2_000); // warm up the JIT
                for (int threads : new int[] {1, 2}) {
                    Rate r = rate(verify, n, threads, 5_000);
                    rates.put(algo + "/" + e.name() + "/" + threads, r);
                    System.out.printf(Locale.ROOT, "BENCH %s-verify engine=%s threads=%d verifications/s=%.0f per-cpu-second=%.0f%n",
                            algo, e.name(), threads, r.perSecond(), r.perCpuSecond());
                }
                Rate one = rates.get(algo + "/" + e.name() + "/1");
                Rate two = rates.get(algo + "/" + e.name() + "/2");
                System.out.printf(Locale.ROOT, "BENCH %s-verify engine=%s scaling 2/1 threads: wall-clock %.2f, per-cpu-second %.2f%n",
                        algo, e.name(), two.perSecond() / one.perSecond(), two.perCpuSecond() / one.perCpuSecond());
            }
            if (engines.size() == 2) {
                for (int threads : new int[] {1, 2}) {
                    Rate nat = rates.get(algo + "/native/" + threads);
                    Rate jav = rates.get(algo + "/java/" + threads);
                    System.out.printf(Locale.ROOT, "BENCH %s-verify ratio native/java threads=%d: wall-clock %.2f, per-cpu-second %.2f%n",
                            algo, threads, nat.perSecond() / jav.perSecond(), nat.perCpuSecond() / jav.perCpuSecond());
                }
            }
        }
    }

    /** What Secp256k1.verify does, on a given engine. */
    private static boolean ecdsa(SignatureEngine e, byte[] hash, byte[] der, byte[] pub) {
        Optional<EcPublicKey> key = e.decodePublicKey(pub);
        Optional<EcdsaSignature> sig = EcdsaSignature.parseLaxDer(der);
        return key.isPresent() && sig.isPresent() && e.verifyEcdsa(hash, sig.get(), key.get());
    }

    /** Wall-clock verifications per second, and per CPU-second of the verifying threads. */
    private record Rate(double perSecond, double perCpuSecond) {
    }

    /**
     * Verifications over {@code millis}, each thread cycling through the n cases from its own offset. The
     * CPU time of the worker threads is measured too: on a machine shared with other builds, wall-clock
     * rates say more about the neighbours than about the code, while verifications per CPU-second stay
     * put, and their being equal on 1 and 2 threads shows the threads do not slow each other down.
     */
    private static Rate rate(IntPredicate verify, int n, int threads, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Future<long[]>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 97;
            fs.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long done = 0;
                while (!stop.get()) {
                    if (!verify.test((int) ((done + offset) % n))) {
                        throw new IllegalStateException("a benchmark signature did not verify");
                    }
                    done++;
                }
                return new long[] {done, mx.getCurrentThreadCpuTime() - cpu0};
            }));
        }
        Thread.sleep(millis);
        stop.set(true);
        long total = 0;
        long cpuNanos = 0;
        for (Future<long[]> f : fs) {
            long[] r = f.get();
            total += r[0];
            cpuNanos += r[1];
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Rate(total / secs, total / (cpuNanos / 1e9));
    }

    /**
     * Transactions and inputs validated per second on a legacy P2PKH chain, a segwit P2WPKH chain and a
     * taproot key-path chain of the same shape (2-in 2-out spends), sequential and 2-thread parallel, on this JVM's engine (the
     * default: native where it loads) and then on the Java engine in a child JVM started with
     * {@code -Dnakamoto.secp256k1=java} (the engine is chosen once per process), with the ratio.
     */
    @Test
    void transactionsValidatedPerSecond() throws Exception {
        Map<String, TxValidateBench.Rate> here = TxValidateBench.run();
        String engine = SignatureEngines.active().name();
        here.forEach((verifier, r) -> System.out.printf(Locale.ROOT,
                "BENCH tx-validate engine=%s verifier=%s tx/s=%.0f inputs/s=%.0f tx-per-cpu-second=%.0f%n", engine,
                verifier, r.perSecond(), r.inputsPerSecond(), r.perCpuSecond()));
        if (engine.equals("java")) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Dnakamoto.secp256k1=java", "-cp", cp, TxValidateBench.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the Java-engine run failed:\n" + out);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("TX ")) { // TX <verifier> <tx/s> <inputs/s> <tx/cpu-s>
                String[] f = line.split(" ");
                double javaRate = Double.parseDouble(f[2]);
                double javaInputs = Double.parseDouble(f[3]);
                double javaCpu = Double.parseDouble(f[4]);
                TxValidateBench.Rate mine = here.get(f[1]);
                System.out.printf(Locale.ROOT,
                        "BENCH tx-validate engine=java verifier=%s tx/s=%.0f inputs/s=%.0f tx-per-cpu-second=%.0f%n",
                        f[1], javaRate, javaInputs, javaCpu);
                System.out.printf(Locale.ROOT, "BENCH tx-validate verifier=%s ratio %s/java: wall-clock %.2f, per-cpu-second %.2f%n",
                        f[1], engine, mine.perSecond() / javaRate, mine.perCpuSecond() / javaCpu);
            }
        }
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
