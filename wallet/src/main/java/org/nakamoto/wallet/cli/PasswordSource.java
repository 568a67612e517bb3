package org.nakamoto.wallet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nakamoto.wallet.WalletException;

/**
 * The wallet password, never from the command line (where the process list shows it): first
 * {@code --password-file FILE} (its first line), then the environment variable
 * {@value #ENV}, then a prompt on the console. With none of them the command fails with a message
 * naming all three.
 */
final class PasswordSource {
    static final String ENV = "NAKAMOTO_WALLET_PASSWORD";

    private final Path file;
    private final Map<String, String> env;
    private final Terminal terminal;

    PasswordSource(Path file, Map<String, String> env, Terminal terminal) {
        this.file = file;
        this.env = env;
        this.terminal = terminal;
    }

    /** The password of an existing wallet. */
    char[] existing() {
        return read(false);
    }

    /** A new wallet's password; typed twice when prompted, as a typo would lock the wallet for good. */
    char[] fresh() {
        char[] pw = read(true);
        if (pw.length == 0) {
            throw new WalletException("the wallet password must not be empty");
        }
        return pw;
    }

    private char[] read(boolean confirm) {
        if (file != null) {
            return firstLine(file, "password file");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        if (!terminal.available()) {
            throw new WalletException("a wallet password is needed but there is no console to ask on;"
                    + " set " + ENV + " or use --password-file FILE");
        }
        char[] pw = terminal.readSecret(confirm ? "New wallet password: " : "Wallet password: ");
        if (confirm) {
            char[] again = terminal.readSecret("Repeat the password: ");
            boolean same = Arrays.equals(pw, again);
            Arrays.fill(again, '\0');
            if (!same) {
                throw new WalletException("the passwords do not match; nothing was written");
            }
        }
        return pw;
    }

    /** The first line of a file, without its line ending; the rest (if any) is ignored. */
    static char[] firstLine(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new WalletException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }
}
