package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.nakamoto.chain.codec.ParseException;
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

/** {@code restore}: a wallet file from an existing mnemonic; coins are found by the next balance scan. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a wallet from its mnemonic (typed at a prompt, or read from --mnemonic-file).")
final class RestoreCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Option(names = "--mnemonic-file", paramLabel = "FILE", description = "Read the mnemonic from FILE")
    Path mnemonicFile;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "The BIP39 passphrase, if the wallet had one, from the first line of FILE")
    Path passphraseFile;

    @Option(names = "--ask-passphrase", description = "Prompt for the BIP39 passphrase")
    boolean askPassphrase;

    @Override
    public void run() {
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        if (store.exists()) {
            throw store.alreadyExists();
        }
        Mnemonic mnemonic = readMnemonic();
        String passphrase = Passphrases.read(passphraseFile, askPassphrase, root.terminal());
        char[] password = root.password().fresh();
        SecureRandom random = new SecureRandom();
        try {
            store.create(WalletFile.create(params, new WalletSecrets(mnemonic, passphrase), password,
                    KdfParams.fresh(random), random));
        } finally {
            Arrays.fill(password, '\0');
        }
        ObjectNode json = root.output().object()
                .put("wallet", store.path().toString())
                .put("network", params.name())
                .put("words", mnemonic.words().size());
        root.output().emit(json, "Restored wallet " + store.path() + " (" + params.name() + ") from "
                + mnemonic.words().size() + " words. Run 'balance' to find its coins.");
    }

    private Mnemonic readMnemonic() {
        String text;
        if (mnemonicFile != null) {
            try {
                text = Files.readString(mnemonicFile, StandardCharsets.UTF_8); // the words may span lines
            } catch (IOException e) {
                throw new WalletException("cannot read mnemonic file " + mnemonicFile + ": " + e.getMessage());
            }
        } else if (root.terminal().available()) {
            text = new String(root.terminal().readSecret("Mnemonic (words separated by spaces): "));
        } else {
            throw new WalletException("no console to type the mnemonic on; use --mnemonic-file FILE");
        }
        try {
            return Mnemonic.parse(text);
        } catch (ParseException e) {
            throw new WalletException("invalid mnemonic: " + e.getMessage());
        }
    }
}
