/**
 * The wallet file: its contents ({@code WalletFile}, immutable), the secrets the password protects
 * (scrypt and AES-256-GCM in {@code WalletCrypto}), and crash-safe replacement on disk.
 *
 * <p>Threads and processes: {@link org.nakamoto.wallet.file.WalletStore} does every change as
 * read-modify-write under an exclusive lock on a sibling ".lock" file, so two commands run at once cannot
 * lose each other's changes; each write replaces the file atomically ({@code AtomicFiles}). Everything else
 * here is immutable or stateless.
 */
package org.nakamoto.wallet.file;
