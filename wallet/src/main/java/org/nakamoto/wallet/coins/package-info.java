/**
 * The wallet's coins and payments: scanning the node for them over RPC, choosing which to spend, and
 * building, signing and self-verifying a payment whose fee matches its signed size.
 *
 * <p>Threads: {@code WalletCoin}, {@code WalletView} and {@code Payment} are immutable records;
 * {@code CoinSelector}, {@code TransactionSigner} and {@code PaymentBuilder} are stateless;
 * {@code CoinScanner} holds only its RPC client and keychain (thread-safe and immutable) and is used by
 * one command at a time.
 */
package org.nakamoto.wallet.coins;
