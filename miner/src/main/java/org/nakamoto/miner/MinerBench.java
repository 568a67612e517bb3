package org.nakamoto.miner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the nonce search: hash rate of each kernel with 1 and N threads, the cancel latency, and the
 * ratios to the openssl per-core bound measured in the same run.
 *
 * <p>Usage: {@code MinerBench [seconds] [threads] [kernel|all]}, defaults 10, 0 (= available processors), all. Run it
 * with {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} or the fast kernel is skipped; from the
 * project root: {@code mvn -q -o -pl chain,miner compile exec:exec -Dexec.skip=true -Dexec.executable=java
 * -Dbench.seconds=10} (see miner/pom.xml).
 */
public final class MinerBench {
    private static final BigInteger IMPOSSIBLE = BigInteger.ZERO; // no hash is <= 0 in practice: run until told

    private MinerBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (threads <= 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        String which = args.length > 2 ? args[2] : "all";
        List<String> kernels = which.equals("all") ? availableKernels() : List.of(which);
        if (!NonceKernels.isFastPathAvailable()) {
            System.out.println("note: jdk-compress kernel off: " + NonceKernels.fastPathUnavailableReason());
        }
        System.out.printf("java %s, %d processors, %d s per run%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), seconds);

        OptionalDouble bound = OpensslBound.measure(3);
        if (bound.isPresent()) {
            System.out.printf("openssl bound: %.3f MH/s per core (speed -evp sha256 -bytes 16384, / %d bytes)%n",
                    bound.getAsDouble() / 1e6, OpensslBound.BYTES_PER_NONCE);
        } else {
            System.out.println("openssl bound: unavailable (openssl not on PATH?)");
        }
        System.out.println("MH/s: median and best of 1-second windows; ratios use the medians. cpu: share of the"
                + " wall time the workers got on a CPU (< 1 when other processes compete); MH/cpu-s: per thread per"
                + " CPU-second they got, which load does not skew, compared with the bound as openssl measures"
                + " it (per CPU-second of user time, not wall time)");
        System.out.println("kernel          threads  median    best  per-thread/bound  scaling   cpu  MH/cpu-s"
                + "  cpu-s/bound  cancel-ms(max of 3)");
        for (String kernel : kernels) {
            Result one = run(kernel, 1, seconds);
            print(kernel, 1, one, one, bound);
            if (threads > 1) {
                print(kernel, threads, run(kernel, threads, seconds), one, bound);
            }
        }
    }

    private static List<String> availableKernels() {
        List<String> names = new ArrayList<>(NonceKernels.NAMES);
        if (!NonceKernels.isFastPathAvailable()) {
            names.remove("jdk-compress");
        }
        return names;
    }

    /** Hash rates in hashes per second; cpuShare and perCpuSecond as printed. */
    private record Result(double median, double best, double cpuShare, double perCpuSecond, double maxCancelMillis) {
    }

    private static void print(String kernel, int threads, Result r, Result single, OptionalDouble bound) {
        String ratio = bound.isPresent() ? String.format("%.2f", r.median() / threads / bound.getAsDouble()) : "n/a";
        String cpuRatio = bound.isPresent() ? String.format("%.2f", r.perCpuSecond() / bound.getAsDouble()) : "n/a";
        System.out.printf("%-15s %7d %7.3f %7.3f  %16s  %6.2fx  %4.2f  %8.3f  %11s  %19.2f%n", kernel, threads,
                r.median() / 1e6, r.best() / 1e6, ratio, r.median() / single.median(), r.cpuShare(),
                r.perCpuSecond() / 1e6, cpuRatio, r.maxCancelMillis());
    }

    /** CPU nanoseconds used so far by the searcher's threads (named "miner-N"). */
    private static long workerCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("miner-")) {
                sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /**
     * Warms up, samples the hash counters in one-second windows for {@code seconds}, then times three
     * cancel-to-idle round trips. Windows, because the build machine is shared: the median resists other
     * processes' bursts better than one long average.
     */
    private static Result run(String kernel, int threads, int seconds) throws InterruptedException {
        SearchSettings settings = SearchSettings.withThreads(threads);
        try (NonceSearcher searcher = new NonceSearcher(settings, () -> NonceKernels.byName(kernel), s -> {
        })) {
            MiningJob job = benchJob();
            searcher.newJob(job);
            Thread.sleep(2000); // JIT warm-up
            double[] windows = new double[Math.max(1, seconds)];
            long cpu0 = workerCpuNanos();
            long wall0 = System.nanoTime();
            long hashes0 = searcher.hashCounters().total();
            for (int i = 0; i < windows.length; i++) {
                long h0 = searcher.hashCounters().total();
                long t0 = System.nanoTime();
                Thread.sleep(1000);
                windows[i] = (searcher.hashCounters().total() - h0) * 1e9 / (System.nanoTime() - t0);
            }
            double cpuSeconds = (workerCpuNanos() - cpu0) / 1e9;
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            double hashes = searcher.hashCounters().total() - hashes0;
            Arrays.sort(windows);
            double maxCancel = 0;
            for (int i = 0; i < 3; i++) {
                long c0 = System.nanoTime();
                searcher.cancel();
                if (!searcher.awaitIdle(Duration.ofSeconds(5))) {
                    throw new IllegalStateException("workers did not stop within 5 s of cancel()");
                }
                maxCancel = Math.max(maxCancel, (System.nanoTime() - c0) / 1e6);
                searcher.newJob(job);
                Thread.sleep(200);
            }
            return new Result(windows[windows.length / 2], windows[windows.length - 1],
                    cpuSeconds / (threads * wallSeconds), hashes / cpuSeconds, maxCancel);
        }
    }

    /** A random header with a target nothing meets, rolling the merkle root so no worker ever runs dry. */
    private static MiningJob benchJob() {
        byte[] header = new byte[80];
        new Random(1).nextBytes(header);
        AtomicLong rolls = new AtomicLong();
        return new MiningJob(header, Target.of(IMPOSSIBLE), exhausted -> {
            DigestWords.putNonce(exhausted, 36, rolls.incrementAndGet()); // inside the merkle root
            return exhausted;
        });
    }
}
