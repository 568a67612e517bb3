package org.nakamoto.chain.model;

import java.math.BigDecimal;

/**
 * A number of satoshis. Arithmetic is checked: the sum of two valid amounts that leaves the money range
 * is an error, never a silent wrap. Never a double.
 */
public final class Amount implements Comparable<Amount> {
    public static final long COIN = 100_000_000L;
    /** Bitcoin's MAX_MONEY: 21 million coins. */
    public static final long MAX_MONEY = 21_000_000L * COIN;
    public static final Amount ZERO = new Amount(0);

    private final long satoshis;

    private Amount(long satoshis) {
        this.satoshis = satoshis;
    }

    public static Amount ofSat(long satoshis) {
        return satoshis == 0 ? ZERO : new Amount(satoshis);
    }

    public static Amount ofCoins(long coins) {
        return ofSat(Math.multiplyExact(coins, COIN));
    }

    /** Parses a decimal coin amount such as "12.5" with at most 8 decimals. */
    public static Amount parseCoins(String text) {
        BigDecimal d;
        try {
            d = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
        if (d.scale() > 8 && d.stripTrailingZeros().scale() > 8) {
            throw new IllegalArgumentException("more than 8 decimals: '" + text + "'");
        }
        BigDecimal sats = d.movePointRight(8);
        if (sats.abs().compareTo(BigDecimal.valueOf(MAX_MONEY)) > 0) {
            throw new IllegalArgumentException("amount out of range: '" + text + "'");
        }
        return ofSat(sats.longValueExact());
    }

    /** Bitcoin's MoneyRange: 0 to 21 million coins inclusive. */
    public static boolean inMoneyRange(long satoshis) {
        return satoshis >= 0 && satoshis <= MAX_MONEY;
    }

    public long sat() {
        return satoshis;
    }

    public Amount add(Amount o) {
        return ofSat(Math.addExact(satoshis, o.satoshis));
    }

    public Amount subtract(Amount o) {
        return ofSat(Math.subtractExact(satoshis, o.satoshis));
    }

    public boolean isNegative() {
        return satoshis < 0;
    }

    /** The amount in coins as an exact decimal with 8 places, as Bitcoin Core's RPC shows it. */
    public BigDecimal toCoins() {
        return BigDecimal.valueOf(satoshis, 8);
    }

    @Override
    public int compareTo(Amount o) {
        return Long.compare(satoshis, o.satoshis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Amount a && a.satoshis == satoshis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(satoshis);
    }

    @Override
    public String toString() {
        return toCoins().toPlainString();
    }
}
