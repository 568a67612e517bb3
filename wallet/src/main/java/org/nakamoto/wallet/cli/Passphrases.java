package org.nakamoto.wallet.cli;

import java.nio.file.Path;
import org.nakamoto.wallet.WalletException;

/** The optional BIP39 passphrase of create and restore: from a file, a prompt, or none. */
final class Passphrases {
    private Passphrases() {
    }

    static String read(Path file, boolean ask, Terminal terminal) {
        if (file != null && ask) {
            throw new WalletException("use either --passphrase-file or --ask-passphrase, not both");
        }
        if (file != null) {
            return new String(PasswordSource.firstLine(file, "passphrase file"));
        }
        if (!ask) {
            return "";
        }
        if (!terminal.available()) {
            throw new WalletException("--ask-passphrase needs a console; use --passphrase-file FILE");
        }
        return new String(terminal.readSecret("BIP39 passphrase (empty for none): "));
    }
}
