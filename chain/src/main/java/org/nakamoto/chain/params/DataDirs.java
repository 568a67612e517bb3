package org.nakamoto.chain.params;

import java.nio.file.Path;

/**
 * Where a network's data lives by default: {@code $HOME/.nakamoto/<network>}. Shared by the node, the CLI
 * and the wallet so they find each other's files (the RPC cookie, the wallet). $HOME wins over Java's
 * user.home, which comes from the password database: users and scripts expect HOME to move it.
 */
public final class DataDirs {
    private DataDirs() {
    }

    public static Path defaultFor(String network) {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".nakamoto", network);
    }
}
