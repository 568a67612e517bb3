package org.nakamoto.miner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nakamoto.chain.codec.Hex;

/**
 * Test kernel: hashes through a real kernel one nonce at a time and records every (header, nonce) it hashed,
 * the largest range it was asked for, and how many search calls began. Its list is written by its worker only
 * and read by the test after {@link NonceSearcher#awaitIdle}, whose lock orders the two.
 */
final class RecordingKernel implements NonceKernel {
    /** Search calls started by all recording kernels; the cancel test counts calls begun after cancel(). */
    static final AtomicLong SEARCH_CALLS = new AtomicLong();

    private final NonceKernel delegate = NonceKernels.best();
    private final List<String> hashed = new ArrayList<>();
    private final AtomicInteger largestRange = new AtomicInteger();
    private String headerKey = "";

    @Override
    public void load(byte[] header) {
        delegate.load(header);
        headerKey = Hex.encode(Arrays.copyOf(header, 76)); // the nonce bytes are not part of the work's identity
    }

    @Override
    public long search(long from, long to, Target target) {
        SEARCH_CALLS.incrementAndGet();
        largestRange.accumulateAndGet((int) (to - from), Math::max);
        for (long n = from; n < to; n++) {
            hashed.add(headerKey + ":" + n);
            if (delegate.search(n, n + 1, target) == n) {
                return n;
            }
        }
        return NOT_FOUND;
    }

    @Override
    public String name() {
        return "recording";
    }

    List<String> hashed() {
        return hashed;
    }

    int largestRange() {
        return largestRange.get();
    }
}
