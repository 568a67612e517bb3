package org.nakamoto.wallet.coins;

import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.wallet.account.KeyPath;

/**
 * An unspent output paying one of the wallet's addresses, as the node reported it.
 *
 * @param outpoint        the output
 * @param valueSat        its value in satoshis
 * @param scriptPubKey    its locking script (pay-to-pubkey-hash to {@code address})
 * @param path            the address's place in the keychain
 * @param address         the address, Base58Check
 * @param height          the block that confirmed it, or 0 while it waits in the mempool
 * @param confirmations   blocks on top of and including its own; 0 in the mempool
 * @param coinbase        whether it is a coinbase output, which must mature before it is spent
 * @param spentInMempool  whether a transaction in the node's mempool already spends it
 */
public record WalletCoin(OutPoint outpoint, long valueSat, Script scriptPubKey, KeyPath path, String address,
        int height, int confirmations, boolean coinbase, boolean spentInMempool) {
    /** Confirmations after which the wallet calls a payment final, as Bitcoin wallets traditionally do. */
    public static final int FINAL_CONFIRMATIONS = 6;

    public boolean confirmed() {
        return confirmations > 0;
    }

    /**
     * Whether a coinbase output still waits to mature. Like Bitcoin Core's wallet, one block more than
     * consensus requires ({@code maturity + 1} confirmations), so that a spend is never refused at the edge.
     */
    public boolean immature(int coinbaseMaturity) {
        return coinbase && confirmations <= coinbaseMaturity;
    }

    /** Blocks until a coinbase output is spendable by the rule of {@link #immature}; 0 once it is. */
    public int blocksToMaturity(int coinbaseMaturity) {
        return coinbase ? Math.max(0, coinbaseMaturity + 1 - confirmations) : 0;
    }

    /** Confirmed, mature, and not already being spent: what {@code send} may use. */
    public boolean spendable(int coinbaseMaturity) {
        return confirmed() && !immature(coinbaseMaturity) && !spentInMempool;
    }

    public boolean isFinal() {
        return confirmations >= FINAL_CONFIRMATIONS;
    }

    public WalletCoin withSpentInMempool() {
        return new WalletCoin(outpoint, valueSat, scriptPubKey, path, address, height, confirmations, coinbase, true);
    }
}
