package org.nakamoto.wallet.cli;

import java.util.regex.Pattern;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.wallet.WalletException;

/** Reads an amount the way a user types it: coins with up to 8 decimals ("1", "0.5", "12.00000001"). */
final class AmountParser {
    private static final Pattern COINS = Pattern.compile("[0-9]+(\\.[0-9]{1,8})?|\\.[0-9]{1,8}");

    private AmountParser() {
    }

    /** @throws WalletException for a negative, zero, malformed or too precise amount, or one above 21 million */
    static long parseSatoshis(String text) {
        String s = text.strip();
        if (s.startsWith("-")) {
            throw new WalletException("amount must be positive, got " + text);
        }
        if (!COINS.matcher(s).matches()) {
            throw new WalletException("malformed amount '" + text + "': write coins with at most 8 decimals, e.g. 1.5");
        }
        long sat;
        try {
            sat = Amount.parseCoins(s).sat();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new WalletException("amount '" + text + "' is out of range (at most 21000000 coins)");
        }
        if (sat <= 0) {
            throw new WalletException("amount must be positive, got " + text);
        }
        return sat;
    }
}
