/**
 * nakamoto-wallet, a BIP39/BIP44 wallet that reaches a node only through Bitcoin Core's JSON-RPC. This
 * package holds {@link org.nakamoto.wallet.WalletException}, the failure every part reports to the user;
 * the parts are in {@code keys}, {@code account}, {@code coins}, {@code file}, {@code rpc} and {@code cli}.
 *
 * <p>Threads: a wallet command runs on the process's main thread. Two processes may run at once; the
 * wallet file's lock ({@code file.WalletStore}) keeps them apart.
 */
package org.nakamoto.wallet;
