package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.file.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code address}: the next unused receive address. The wallet keeps the next index in its file and moves
 * it on each time, and balance scans move it past any address seen holding coins, so no address is given
 * out twice. Needs neither the password nor the node.
 */
@Command(name = "address", mixinStandardHelpOptions = true, description = "Show a fresh receive address.")
final class AddressCommand implements Runnable {
    @ParentCommand
    NakamotoWallet root;

    @Override
    public void run() {
        NetworkParams params = root.params();
        WalletStore store = root.store(params);
        Keychain keys = store.load().keychain(params);
        KeyPath[] handedOut = new KeyPath[1];
        store.update(w -> {
            handedOut[0] = KeyPath.fresh(root.addressType(keys), KeyPath.RECEIVE, w.nextReceiveIndex()); // refuses at BIP32's limit
            return w.withNextIndexAtLeast(KeyPath.RECEIVE, handedOut[0].index() + 1);
        });
        KeyPath path = handedOut[0];
        String address = keys.address(path).toString();
        ObjectNode json = root.output().object()
                .put("address", address)
                .put("path", keys.fullPath(path));
        root.output().emit(json, address);
    }
}
