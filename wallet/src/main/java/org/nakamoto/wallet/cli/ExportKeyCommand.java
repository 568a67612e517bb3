package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.CoinScanner;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.keys.WifKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code export-key ADDRESS}: the private key of one wallet address in WIF (compressed), on explicit request.
 * For a taproot (BIP86) address it is the internal key, the one the derivation path gives; its output key
 * is that key tweaked, and key-path signatures are made with the tweaked private key.
 */
@Command(name = "export-key", mixinStandardHelpOptions = true,
        description = "Print the private key (WIF) of one of this wallet's addresses. Anyone with it can spend its coins.")
final class ExportKeyCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "An address of this wallet")
    String addressText;

    @Override
    public void run() {
        NetworkParams params = root.params();
        String address = Addresses.of(SendCommand.parseAddress(addressText, params).scriptPubKey(), params).orElseThrow();
        WalletFile wallet = root.store(params).load();
        int limit = (int) Math.min(KeyPath.INDEX_LIMIT,
                (long) Math.max(wallet.nextReceiveIndex(), wallet.nextChangeIndex()) + CoinScanner.GAP);
        KeyPath path = wallet.keychain(params).find(address, limit).orElseThrow(() -> new WalletException(
                "address " + address + " does not belong to this wallet (searched " + limit + " addresses per chain)"));
        char[] password = root.password().existing();
        Keychain keys;
        try {
            keys = wallet.signingKeychain(params, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        String wif = WifKey.of(keys.privateKey(path).toBytes(), true).encode(params.wifVersion());
        ObjectNode json = root.output().object()
                .put("address", address)
                .put("path", keys.fullPath(path))
                .put("wif", wif);
        root.output().emit(json, wif);
    }
}
