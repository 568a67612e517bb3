package org.nakamoto.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;

class NonceSearcherTest {
    private static final Target IMPOSSIBLE = Target.of(BigInteger.ZERO);
    private static final Target ANY = Target.of(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);

    /** Hands out {@code count} fresh headers (a counter in the merkle root), then null. Thread-safe. */
    private static final class CountingRoller implements JobRoller {
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger issued = new AtomicInteger();
        private final byte[] base;
        private final int count;

        CountingRoller(byte[] base, int count) {
            this.base = base.clone();
            this.count = count;
        }

        @Override
        public byte[] roll(byte[] exhausted) {
            calls.incrementAndGet();
            int k = issued.incrementAndGet();
            return k <= count ? header(base, k) : null;
        }

        static byte[] header(byte[] base, int k) {
            byte[] h = base.clone();
            DigestWords.putNonce(h, 36, k); // inside the merkle root: a different header per k
            return h;
        }
    }

    @Test
    void twoWorkersHashDisjointNoncesCoveringFirstAndRolledHeaders() throws Exception {
        List<RecordingKernel> kernels = new ArrayList<>();
        byte[] base = TestHeaders.random(new Random(11));
        CountingRoller roller = new CountingRoller(base, 3);
        long perHeader = 1000;
        try (NonceSearcher s = new NonceSearcher(new SearchSettings(2, perHeader, 64), () -> record(kernels), x -> {
        })) {
            s.newJob(new MiningJob(base, IMPOSSIBLE, roller));
            awaitTrue(() -> roller.calls.get() == 5); // both workers were told the roller is dry
            assertTrue(s.awaitIdle(IDLE_WAIT));

            Set<String> expected = new HashSet<>();
            for (int k = 0; k <= 3; k++) {
                String key = Hex.encode(Arrays.copyOf(k == 0 ? base : CountingRoller.header(base, k), 76));
                for (long n = 0; n < perHeader; n++) {
                    expected.add(key + ":" + n);
                }
            }
            Set<String> seen = new HashSet<>();
            for (RecordingKernel k : kernels) {
                for (String work : k.hashed()) {
                    assertTrue(seen.add(work), "hashed twice: " + work);
                }
                assertTrue(k.largestRange() <= 64, "flag checked at most every checkInterval nonces");
            }
            assertEquals(expected, seen);
            assertEquals(4 * perHeader, s.hashCounters().total());
            assertEquals(s.hashCounters().total(), s.hashCounters().get(0) + s.hashCounters().get(1));
            assertTrue(s.hashCounters().get(0) > 0 && s.hashCounters().get(1) > 0);
            assertEquals(5, roller.calls.get(), "3 rolls served, then each worker is told there are no more");
        }
    }

    @Test
    void aSolutionOnlyInARolledHeaderIsFoundAfterRollOver() throws Exception {
        Random rnd = new Random(23);
        byte[] base = TestHeaders.random(rnd);
        int perHeader = 1000;
        BigInteger firstBest = bestHash(base, perHeader);
        // Find a rolled header whose best hash beats every hash of the first: that hash is the target, so only
        // the rolled header holds a solution.
        int k = 1;
        while (bestHash(CountingRoller.header(base, k), perHeader).compareTo(firstBest) >= 0) {
            k++;
        }
        byte[] winner = CountingRoller.header(base, k);
        BigInteger target = bestHash(winner, perHeader);
        long nonce = TestHeaders.referenceSearch(winner, 0, perHeader, target);
        CountingRoller roller = new CountingRoller(base, k);
        BlockingQueue<Solution> found = new LinkedBlockingQueue<>();
        try (NonceSearcher s = new NonceSearcher(new SearchSettings(1, perHeader, 100), found::add)) {
            s.newJob(new MiningJob(base, Target.of(target), roller));
            Solution sol = found.poll(30, TimeUnit.SECONDS);
            assertNotNull(sol);
            assertEquals(nonce, sol.nonce());
            assertTrue(Arrays.equals(TestHeaders.withNonce(winner, nonce), sol.header()));
            assertEquals(target, sol.blockHeader().hash().toBigInteger());
            assertEquals(k, roller.calls.get());
            assertEquals((long) k * perHeader + nonce + 1, s.hashCounters().total());
        }
    }

    @Test
    void theFirstSolutionEndsTheJobForAllWorkers() throws Exception {
        BlockingQueue<Solution> found = new LinkedBlockingQueue<>();
        try (NonceSearcher s = new NonceSearcher(SearchSettings.withThreads(2), found::add)) {
            s.newJob(new MiningJob(TestHeaders.random(new Random(1)), ANY, JobRoller.NONE));
            assertNotNull(found.poll(30, TimeUnit.SECONDS));
            assertTrue(s.awaitIdle(IDLE_WAIT)); // the job ended before the sink was called
            assertTrue(found.isEmpty(), "one solution per job");
        }
    }

    @Test
    void newJobReplacesTheRunningOne() throws Exception {
        BlockingQueue<Solution> found = new LinkedBlockingQueue<>();
        try (NonceSearcher s = new NonceSearcher(SearchSettings.withThreads(2), found::add)) {
            s.newJob(new MiningJob(TestHeaders.random(new Random(1)), IMPOSSIBLE, JobRoller.NONE));
            awaitHashing(s);
            MiningJob easy = new MiningJob(TestHeaders.random(new Random(2)), ANY, JobRoller.NONE);
            s.newJob(easy);
            Solution sol = found.poll(30, TimeUnit.SECONDS);
            assertNotNull(sol);
            assertTrue(sol.job() == easy);
        }
    }

    @Test
    void isIdleOnlyWhenNoWorkerHasAJobToDo() throws Exception {
        try (NonceSearcher s = new NonceSearcher(SearchSettings.withThreads(2), x -> {
        })) {
            assertTrue(s.awaitIdle(IDLE_WAIT));
            s.newJob(new MiningJob(TestHeaders.random(new Random(9)), IMPOSSIBLE, JobRoller.NONE));
            // Straight after newJob the workers are still parked in the board, yet not idle: they owe the job.
            assertFalse(s.awaitIdle(Duration.ofMillis(50)));
            s.cancel();
            assertTrue(s.awaitIdle(IDLE_WAIT));
        }
    }

    @Test
    void afterCancelEachWorkerFinishesAtMostItsCurrentBatch() throws Exception {
        // The deterministic half of the 100 ms bound: once cancel() returns, a worker may complete the one
        // batch (<= checkInterval nonces) it is in, and starts no other.
        List<RecordingKernel> kernels = new ArrayList<>();
        try (NonceSearcher s = new NonceSearcher(new SearchSettings(2, 1L << 32, 256), () -> record(kernels), x -> {
        })) {
            s.newJob(new MiningJob(TestHeaders.random(new Random(4)), IMPOSSIBLE, JobRoller.NONE));
            awaitHashing(s);
            s.cancel();
            long callsAtCancel = RecordingKernel.SEARCH_CALLS.get();
            assertTrue(s.awaitIdle(IDLE_WAIT));
            assertTrue(RecordingKernel.SEARCH_CALLS.get() - callsAtCancel <= 2);
        }
    }

    @Test
    void cancelStopsAllWorkersWellWithin100Milliseconds() throws Exception {
        // Wall-clock half: the best of three tries, since a loaded shared machine can stall any one of them.
        // MinerBench reports the worst case of a real run.
        try (NonceSearcher s = new NonceSearcher(SearchSettings.withThreads(2), x -> {
        })) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                s.newJob(new MiningJob(TestHeaders.random(new Random(i)), IMPOSSIBLE, JobRoller.NONE));
                awaitHashing(s);
                long t0 = System.nanoTime();
                s.cancel();
                assertTrue(s.awaitIdle(IDLE_WAIT));
                best = Math.min(best, System.nanoTime() - t0);
            }
            assertTrue(best < 100_000_000L, "cancel took " + best / 1e6 + " ms");
        }
    }

    private static RecordingKernel record(List<RecordingKernel> into) {
        RecordingKernel k = new RecordingKernel();
        into.add(k);
        return k;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in " + IDLE_WAIT);
            Thread.sleep(1);
        }
    }

    /** Waits until every worker has hashed something for the current job. */
    private static void awaitHashing(NonceSearcher s) throws InterruptedException {
        HashCounters c = s.hashCounters();
        long[] start = new long[c.workers()];
        for (int w = 0; w < start.length; w++) {
            start[w] = c.get(w);
        }
        for (int w = 0; w < start.length; w++) {
            int worker = w;
            awaitTrue(() -> c.get(worker) != start[worker]);
        }
    }

    private static BigInteger bestHash(byte[] header, int nonces) {
        BigInteger best = null;
        for (long n = 0; n < nonces; n++) {
            BigInteger h = TestHeaders.hashValue(header, n);
            best = best == null || h.compareTo(best) < 0 ? h : best;
        }
        return best;
    }
}
