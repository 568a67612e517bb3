package org.nakamoto.chain.testing;

import org.nakamoto.chain.consensus.InputVerifier;
import org.nakamoto.chain.consensus.ScriptInputVerifier;

/** The real script verifier, as tests use it. */
public final class TestVerifiers {
    private TestVerifiers() {
    }

    public static InputVerifier real() {
        return ScriptInputVerifier.sequential();
    }
}
