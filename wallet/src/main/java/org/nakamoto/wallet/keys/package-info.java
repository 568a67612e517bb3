/**
 * Key derivation: BIP39 mnemonics and seeds, BIP32 extended keys and paths, WIF. Signing and
 * verification stay in chain's crypto package; this package only derives keys.
 *
 * <p>Threads: keys, mnemonics, paths and versions are immutable and safe to share. {@code Bip39WordList}
 * is loaded once and read-only afterwards; {@code HmacSha512} and {@code Secp256k1Points} are stateless.
 */
package org.nakamoto.wallet.keys;
