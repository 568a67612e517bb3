/**
 * The wallet's one BIP44 account and where each address sits in it (receive or change chain, index).
 *
 * <p>Threads: {@code Keychain} and {@code KeyPath} are immutable; a keychain with signing keys is a new
 * instance, never the old one changed.
 */
package org.nakamoto.wallet.account;
