package org.nakamoto.miner;

import java.util.List;
import java.util.function.Supplier;

/** Chooses a kernel implementation. Each call returns a new kernel, since a kernel belongs to one thread. */
public final class NonceKernels {
    /** Kernel names accepted by {@link #byName(String)}, fastest first. */
    public static final List<String> NAMES = List.of("jdk-compress", "clone-midstate", "redigest-80");

    private NonceKernels() {
    }

    /** The fastest kernel this JVM allows: direct JDK compression when opened to us, else the cloned midstate. */
    public static NonceKernel best() {
        return JdkSha256Compression.isAvailable() ? new CompressKernel() : new CloneMidstateKernel();
    }

    /** A factory for {@link #best()}, for the searcher. */
    public static Supplier<NonceKernel> bestFactory() {
        return NonceKernels::best;
    }

    /** @throws IllegalArgumentException for an unknown name, or "jdk-compress" when it is not available */
    public static NonceKernel byName(String name) {
        return switch (name) {
            case "jdk-compress" -> {
                if (!isFastPathAvailable()) {
                    throw new IllegalArgumentException("jdk-compress needs " + JdkSha256Compression.REQUIRED_FLAG
                            + ": " + JdkSha256Compression.unavailableReason());
                }
                yield new CompressKernel();
            }
            case "clone-midstate" -> new CloneMidstateKernel();
            case "redigest-80" -> new RedigestKernel();
            default -> throw new IllegalArgumentException("unknown kernel " + name + ", expected one of " + NAMES);
        };
    }

    public static boolean isFastPathAvailable() {
        return JdkSha256Compression.isAvailable();
    }

    /** Null when the fast path is on; otherwise the JVM flag it needs and why it is off. */
    public static String fastPathUnavailableReason() {
        return isFastPathAvailable() ? null
                : "needs " + JdkSha256Compression.REQUIRED_FLAG + " (" + JdkSha256Compression.unavailableReason() + ")";
    }
}
