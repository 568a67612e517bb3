package org.nakamoto.wallet;

/**
 * A failure the user can act on: a wrong password, a corrupt wallet file, a bad address or amount, an
 * unreachable node. The message is written for the person at the terminal and never carries a secret.
 * Whoever throws it has left the wallet file as it was.
 */
public class WalletException extends RuntimeException {
    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
