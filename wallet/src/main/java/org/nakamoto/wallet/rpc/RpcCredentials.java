package org.nakamoto.wallet.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nakamoto.wallet.WalletException;

/**
 * "user:password" for the node's Basic authentication: the configured pair, else Bitcoin Core's cookie
 * ({@code <datadir>/.cookie}, written by the node at start). {@link #toString()} hides the password.
 */
public final class RpcCredentials {
    public static final String COOKIE_FILE = ".cookie";

    private final String userColonPassword;

    private RpcCredentials(String userColonPassword) {
        this.userColonPassword = userColonPassword;
    }

    public static RpcCredentials of(String user, String password) {
        return new RpcCredentials((user == null ? "" : user) + ":" + password);
    }

    /**
     * The configured user and password when a password is given, else the cookie of {@code dataDir}.
     *
     * @throws WalletException if neither is available, saying where the cookie was looked for
     */
    public static RpcCredentials resolve(String user, String password, Path dataDir) {
        if (password != null && !password.isEmpty()) {
            return of(user, password);
        }
        Path cookie = dataDir.resolve(COOKIE_FILE);
        try {
            String text = Files.readString(cookie, StandardCharsets.US_ASCII).strip();
            if (!text.contains(":")) {
                throw new WalletException("RPC cookie " + cookie + " is malformed (expected user:password)");
            }
            return new RpcCredentials(text);
        } catch (NoSuchFileException e) {
            throw new WalletException("cannot find RPC credentials: no cookie at " + cookie
                    + " (is the node running with this data directory?) and no --rpcpassword; see --datadir");
        } catch (IOException e) {
            throw new WalletException("cannot read RPC cookie " + cookie + ": " + e.getMessage(), e);
        }
    }

    String userColonPassword() {
        return userColonPassword;
    }

    @Override
    public String toString() {
        return "RpcCredentials[" + userColonPassword.substring(0, userColonPassword.indexOf(':')) + ":***]";
    }
}
