/**
 * The {@code nakamoto-wallet} command line (picocli): one class per subcommand, options shared through
 * {@link org.nakamoto.wallet.cli.NakamotoWallet}, passwords never from the command line, text or
 * {@code --json} output.
 *
 * <p>Threads: a command runs once, on the main thread, and keeps no state between runs; what must survive
 * goes to the wallet file through {@code file.WalletStore}, whose lock serialises concurrent processes.
 */
package org.nakamoto.wallet.cli;
