package org.nakamoto.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nakamoto.chain.model.BlockHeader;

/** Every kernel against Bitcoin's genesis block and against the reference search. */
class NonceKernelTest {
    static Iterable<String> kernels() {
        return NonceKernels.NAMES;
    }

    @Test
    void fastPathIsOnUnderTheBuildsJvmFlag() {
        // surefire passes the add-opens flag; if this fails the JDK's internals changed and production silently
        // runs the slower fallback.
        assertTrue(NonceKernels.isFastPathAvailable(), NonceKernels.fastPathUnavailableReason());
        assertEquals("jdk-compress", NonceKernels.best().name());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void findsTheGenesisNonceAndNothingBeforeIt(String name) {
        NonceKernel k = NonceKernels.byName(name);
        byte[] genesis = TestHeaders.genesis();
        k.load(TestHeaders.withNonce(genesis, 0)); // the kernel must not depend on the loaded nonce
        Target target = Target.of(TestHeaders.GENESIS_TARGET);
        long n = TestHeaders.GENESIS_NONCE;

        assertEquals(n, k.search(n - 3000, n + 3000, target));
        assertEquals(n, k.search(n, n + 1, target));
        assertEquals(NonceKernel.NOT_FOUND, k.search(n - 3000, n, target));
        assertEquals(NonceKernel.NOT_FOUND, k.search(n + 1, n + 3000, target));
        BlockHeader solved = BlockHeader.parse(TestHeaders.withNonce(genesis, n));
        assertEquals(TestHeaders.GENESIS_HASH, solved.hash().toString());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void agreesWithTheReferenceOnRandomHeadersWithAnEasyTarget(String name) {
        NonceKernel k = NonceKernels.byName(name);
        Random rnd = new Random(42);
        BigInteger easy = BigInteger.ONE.shiftLeft(249); // about one hash in 128
        Target target = Target.of(easy);
        for (int i = 0; i < 200; i++) {
            byte[] header = TestHeaders.random(rnd);
            long from = rnd.nextInt(1000) + (i % 2 == 0 ? 0 : 0xffffffffL - 2000);
            k.load(header);
            assertEquals(TestHeaders.referenceSearch(header, from, from + 400, easy), k.search(from, from + 400, target),
                    "header " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void decidesTiesOnTheTopWordByTheFullNumber(String name) {
        // A target equal to a hash passes the early reject with a tie, so the full compare decides: the hash
        // meets a target equal to itself, and not one less.
        NonceKernel k = NonceKernels.byName(name);
        Random rnd = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] header = TestHeaders.random(rnd);
            long nonce = rnd.nextInt() & 0xffffffffL;
            BigInteger hash = TestHeaders.hashValue(header, nonce);
            k.load(header);
            assertEquals(nonce, k.search(nonce, nonce + 1, Target.of(hash)));
            assertEquals(NonceKernel.NOT_FOUND, k.search(nonce, nonce + 1, Target.of(hash.subtract(BigInteger.ONE))));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void coversTheTopOfTheNonceRange(String name) {
        NonceKernel k = NonceKernels.byName(name);
        k.load(TestHeaders.random(new Random(5)));
        Target any = Target.of(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        assertEquals(0xffffffffL, k.search(0xffffffffL, 1L << 32, any));
        assertEquals(NonceKernel.NOT_FOUND, k.search(1L << 32, 1L << 32, any));
        assertThrows(IllegalArgumentException.class, () -> k.search(0, (1L << 32) + 1, any));
        assertThrows(IllegalArgumentException.class, () -> k.load(new byte[79]));
    }
}
