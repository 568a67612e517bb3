package org.nakamoto.chain.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ECDSA verifications per second on 1 and 2 threads, the way script checks do them: public key decoded
 * from bytes and signature parsed from DER each time. Not a timed test: it only reports. Run with
 * {@code mvn -o -pl chain test -Dtest=EcdsaVerifyBenchmark -Dtest.excludedGroups=}.
 */
@Tag("bench")
class EcdsaVerifyBenchmark {
    private static final int CASES = 256;
    private static final long WARMUP_MS = 4_000;
    private static final long MEASURE_MS = 5_000;

    private record Case(byte[] hash, byte[] der, byte[] pubKey, EcPublicKey key, EcdsaSignature sig) {
        /** As a script check does it: decode the key and parse the DER every time. */
        boolean verifyFromBytes() {
            return Secp256k1.verify(hash, der, pubKey);
        }

        /** Key and signature already decoded (the public key point reused), so only ECDSA itself is timed. */
        boolean verifyDecoded() {
            return key.verify(hash, sig);
        }
    }

    @Test
    void verifyThroughput() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(1_000_003L * (i + 1)));
            byte[] hash = Hashes.sha256(new byte[] {(byte) i, (byte) (i >> 8)});
            EcdsaSignature sig = key.sign(hash);
            cases.add(new Case(hash, sig.encodeDer(), key.publicKeyBytes(true), key.publicKey(), sig));
        }
        run(cases, 1, WARMUP_MS, false);
        run(cases, 2, WARMUP_MS, true);
        for (boolean fromBytes : new boolean[] {true, false}) {
            double one = run(cases, 1, MEASURE_MS, fromBytes);
            double two = run(cases, 2, MEASURE_MS, fromBytes);
            System.out.printf("ECDSA verify, %s: 1 thread %.0f/s, 2 threads %.0f/s (x%.2f)%n",
                    fromBytes ? "compressed key decoded + DER parsed each time" : "key and signature pre-decoded",
                    one, two, two / one);
        }
    }

    /** Verifications per second over {@code millis} with {@code threads} threads. */
    private static double run(List<Case> cases, int threads, long millis, boolean fromBytes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 97;
            futures.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    Case c = cases.get((int) ((n + offset) % cases.size()));
                    if (!(fromBytes ? c.verifyFromBytes() : c.verifyDecoded())) {
                        throw new IllegalStateException("benchmark signature failed to verify");
                    }
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep(millis);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }
}
