package org.nakamoto.chain.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which engine runs: the property's three modes, a native library that will not load, and this machine. */
class SignatureEnginesTest {
    /** What a machine without the library (or with a broken one) sees when the binding first loads it. */
    private static final Supplier<SignatureEngine> MISSING = () -> {
        throw new UnsatisfiedLinkError("no secp256k1-jni in java.library.path");
    };

    @Test
    void autoFallsBackToJavaAndSaysWhy() {
        SignatureEngines.Selection s = SignatureEngines.select("auto", MISSING);
        assertSame(SignatureEngines.java(), s.engine());
        assertFalse(s.isNative());
        assertTrue(s.loadFailure().orElseThrow().contains("UnsatisfiedLinkError"));
        assertTrue(s.describe().startsWith("secp256k1: java - Bouncy Castle"), s.describe());
        assertTrue(s.describe().contains("native library unavailable"), s.describe());
    }

    @Test
    void javaIsChosenWithoutTouchingTheNativeLibrary() {
        SignatureEngines.Selection s = SignatureEngines.select(" Java ", () -> {
            throw new AssertionError("the loader must not run");
        });
        assertSame(SignatureEngines.java(), s.engine());
        assertTrue(s.loadFailure().isEmpty());
        assertTrue(s.describe().endsWith("[nakamoto.secp256k1=java]"), s.describe());
    }

    @Test
    void nativeRequiredButMissingIsAnErrorAndUnknownModesAreRejected() {
        assertThrows(IllegalStateException.class, () -> SignatureEngines.select("native", MISSING));
        assertThrows(IllegalArgumentException.class, () -> SignatureEngines.select("openssl", MISSING));
    }

    @Test
    void nativeLoadsOnLinuxX8664AndIsTheDefaultThere() {
        if (!Engines.nativeExpected()) {
            return;
        }
        SignatureEngine lib = SignatureEngines.nativeEngine().orElseThrow(() -> new AssertionError("libsecp256k1 did not load"));
        assertEquals("native", lib.name());
        assertTrue(lib.description().startsWith("libsecp256k1"), lib.description());
        SignatureEngines.Selection auto = SignatureEngines.select("auto", NativeSignatureEngine::load);
        assertTrue(auto.isNative(), auto.describe());
    }

    /** The engine this JVM runs is the one the property asked for (CI runs the chain tests under both). */
    @Test
    void activeEngineFollowsTheProperty() {
        String requested = System.getProperty(SignatureEngines.PROPERTY, "auto");
        SignatureEngines.Selection s = SignatureEngines.selection();
        assertEquals(requested, s.requested());
        if (requested.equals("java")) {
            assertSame(SignatureEngines.java(), SignatureEngines.active());
        } else if (Engines.nativeExpected()) {
            assertEquals("native", SignatureEngines.active().name());
        }
    }
}
