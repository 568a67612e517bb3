package org.nakamoto.chain.crypto;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the process's {@link SignatureEngine} once, on first use, from the system property
 * {@value #PROPERTY}: {@code auto} (the default: libsecp256k1 when its native library loads, Bouncy
 * Castle otherwise), {@code native} (libsecp256k1 or fail) or {@code java} (Bouncy Castle, for comparison
 * or where native code is unwelcome). The choice is logged and readable through {@link #selection()}.
 *
 * <p>A process-wide choice, like Core's one verification context: consensus code reaches signatures
 * through static entry points ({@link Secp256k1#verify}) that have no parameters object to carry an
 * engine, and both engines give identical answers, so nothing depends on which one a caller gets.
 * Thread-safe: the holder class is initialised once by the JVM.
 */
public final class SignatureEngines {
    /** The system property that selects the engine: auto, native or java. */
    public static final String PROPERTY = "nakamoto.secp256k1";
    private static final Logger LOG = LoggerFactory.getLogger(SignatureEngines.class);

    private SignatureEngines() {
    }

    /** What was asked for, what runs, and why it differs when it does. */
    public record Selection(String requested, SignatureEngine engine, Optional<String> loadFailure) {
        /** The start-up log line. */
        public String describe() {
            return "secp256k1: " + engine.name() + " - " + engine.description()
                    + loadFailure.map(f -> " (native library unavailable: " + f + ")").orElse("")
                    + (requested.equals("auto") ? "" : " [" + PROPERTY + "=" + requested + "]");
        }

        public boolean isNative() {
            return engine.name().equals("native");
        }
    }

    private static final class Holder {
        static final Selection SELECTION = select(System.getProperty(PROPERTY, "auto"), NativeSignatureEngine::load);
    }

    private static final class NativeHolder {
        static final Optional<SignatureEngine> ENGINE = tryLoad();

        private static Optional<SignatureEngine> tryLoad() {
            try {
                return Optional.of(NativeSignatureEngine.load());
            } catch (RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }
    }

    /** The engine every signature in this process goes through. */
    public static SignatureEngine active() {
        return Holder.SELECTION.engine();
    }

    public static Selection selection() {
        return Holder.SELECTION;
    }

    /** The Bouncy Castle engine, whatever is active: for tests and benchmarks that compare. */
    public static SignatureEngine java() {
        return JavaSignatureEngine.INSTANCE;
    }

    /** The libsecp256k1 engine when its library loads here, whatever is active: for tests and benchmarks. */
    public static Optional<SignatureEngine> nativeEngine() {
        if (Holder.SELECTION.isNative()) {
            return Optional.of(Holder.SELECTION.engine());
        }
        return NativeHolder.ENGINE;
    }

    /**
     * The choice for a requested mode, given a way to load the native engine; logs it. Separate from the
     * system property so a test can hand in a loader that fails, as a machine without the library would.
     *
     * @throws IllegalArgumentException for a mode other than auto, native or java
     * @throws IllegalStateException when native is required and does not load
     */
    static Selection select(String requested, Supplier<? extends SignatureEngine> nativeLoader) {
        String mode = requested.trim().toLowerCase(Locale.ROOT);
        Selection s;
        switch (mode) {
            case "java" -> s = new Selection(mode, JavaSignatureEngine.INSTANCE, Optional.empty());
            case "native", "auto" -> {
                try {
                    s = new Selection(mode, nativeLoader.get(), Optional.empty());
                } catch (RuntimeException | LinkageError e) {
                    if (mode.equals("native")) {
                        throw new IllegalStateException(PROPERTY + "=native but libsecp256k1 did not load: " + e, e);
                    }
                    s = new Selection(mode, JavaSignatureEngine.INSTANCE, Optional.of(String.valueOf(e)));
                }
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, native or java, not " + requested);
        }
        if (s.loadFailure().isPresent()) {
            LOG.warn("{}", s.describe());
        } else {
            LOG.info("{}", s.describe());
        }
        return s;
    }
}
