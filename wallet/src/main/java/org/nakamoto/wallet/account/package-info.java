/**
 * The wallet's accounts, one per address type (BIP44 P2PKH, BIP49 P2SH-P2WPKH, BIP84 P2WPKH, BIP86 taproot),
 * and where each address sits in them (type, receive or change chain, index).
 *
 * <p>Threads: {@code Keychain} and {@code KeyPath} are immutable; a keychain with signing keys is a new
 * instance, never the old one changed.
 */
package org.nakamoto.wallet.account;
