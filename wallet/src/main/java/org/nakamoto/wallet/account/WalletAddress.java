package org.nakamoto.wallet.account;

import org.nakamoto.chain.model.Script;

/** One of the wallet's addresses: its text (Base58Check or bech32) and the output script that pays it. */
public record WalletAddress(String text, Script scriptPubKey) {
    @Override
    public String toString() {
        return text;
    }
}
