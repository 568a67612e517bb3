package org.nakamoto.chain.crypto;

import java.util.ArrayList;
import java.util.List;

/** The engines a test can run on here: always Bouncy Castle, and libsecp256k1 where its library loads. */
final class Engines {
    private Engines() {
    }

    static List<SignatureEngine> available() {
        List<SignatureEngine> out = new ArrayList<>(List.of(SignatureEngines.java()));
        SignatureEngines.nativeEngine().ifPresent(out::add);
        return out;
    }

    /** Linux x86-64 is what CI runs on and the binding ships a library for; there native must load. */
    static boolean nativeExpected() {
        return System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    }
}
