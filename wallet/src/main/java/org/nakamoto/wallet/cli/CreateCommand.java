package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.file.KdfParams;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletSecrets;
import org.nakamoto.wallet.file.WalletStore;
import org.nakamoto.wallet.keys.Mnemonic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code create}: a new wallet from fresh entropy; its mnemonic is shown this once and never stored in the clear. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a new wallet and show its mnemonic once. Write the words down: they are the backup.")
final class CreateCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Option(names = "--words", paramLabel = "N", defaultValue = "24",
            description = "Mnemonic length: 12, 15, 18, 21 or 24 words (default: ${DEFAULT-VALUE})")
    int words;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Optional BIP39 passphrase (the \"25th word\") from the first line of FILE")
    Path passphraseFile;

    @Option(names = "--ask-passphrase", description = "Prompt for an optional BIP39 passphrase")
    boolean askPassphrase;

    @Override
    public void run() {
        if (words < 12 || words > 24 || words % 3 != 0) {
            throw new WalletException("--words must be 12, 15, 18, 21 or 24, got " + words);
        }
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        if (store.exists()) {
            throw store.alreadyExists();
        }
        SecureRandom random = new SecureRandom();
        Mnemonic mnemonic = Mnemonic.generate(words / 3 * 32, random);
        String passphrase = Passphrases.read(passphraseFile, askPassphrase, root.terminal());
        char[] password = root.password().fresh();
        try {
            store.create(WalletFile.create(params, new WalletSecrets(mnemonic, passphrase), password,
                    KdfParams.fresh(random), random));
        } finally {
            Arrays.fill(password, '\0');
        }
        ObjectNode json = root.output().object()
                .put("wallet", store.path().toString())
                .put("network", params.name())
                .put("mnemonic", mnemonic.sentence())
                .put("passphrase", !passphrase.isEmpty());
        root.output().emit(json, "Created wallet " + store.path() + " (" + params.name() + ").\n\n"
                + "Write down these " + words + " words in order and keep them safe; anyone who has them has the coins,"
                + "\nand they will not be shown again:\n\n    " + mnemonic.sentence() + "\n"
                + (passphrase.isEmpty() ? "" : "\nThe passphrase is needed too to restore this wallet.\n"));
    }
}
