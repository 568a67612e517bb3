package org.nakamoto.wallet.file;

import org.nakamoto.wallet.WalletException;

/** The password does not open the wallet; a separate type so that a prompt can ask again. */
public final class WrongPasswordException extends WalletException {
    public WrongPasswordException() {
        super("wrong wallet password");
    }
}
