package org.nakamoto.wallet.account;

import java.util.Optional;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.keys.Bip32Versions;
import org.nakamoto.wallet.keys.DerivationPath;
import org.nakamoto.wallet.keys.ExtendedPrivateKey;
import org.nakamoto.wallet.keys.ExtendedPublicKey;

/**
 * The wallet's one BIP44 account, m/44'/coin'/0', and the pay-to-pubkey-hash addresses below it:
 * m/44'/coin'/0'/0/i to receive and m/44'/coin'/0'/1/i for change. Built from the account's extended public
 * key it hands out addresses without the password; {@link #withPrivateKey} adds signing. Immutable.
 */
public final class Keychain {
    private final NetworkParams params;
    private final ExtendedPublicKey account;
    private final ExtendedPublicKey[] chains;
    private final ExtendedPrivateKey privateAccount;

    private Keychain(NetworkParams params, ExtendedPublicKey account, ExtendedPrivateKey privateAccount) {
        this.params = params;
        this.account = account;
        // Derived once: every address below costs one non-hardened step from its chain key.
        this.chains = new ExtendedPublicKey[] {account.derive(KeyPath.RECEIVE), account.derive(KeyPath.CHANGE)};
        this.privateAccount = privateAccount;
    }

    /** m/44'/coin'/0' for a network: hardened down to the account, as BIP44 prescribes. */
    public static DerivationPath accountPath(NetworkParams params) {
        return DerivationPath.of(DerivationPath.harden(44), DerivationPath.harden(params.bip44CoinType()),
                DerivationPath.harden(0));
    }

    public static Keychain fromSeed(NetworkParams params, byte[] seed) {
        ExtendedPrivateKey acct = ExtendedPrivateKey.fromSeed(seed).derive(accountPath(params));
        return new Keychain(params, acct.neuter(), acct);
    }

    /** A watch-only keychain from the account's serialized extended public key. */
    public static Keychain watching(NetworkParams params, String accountXpub) {
        return new Keychain(params, ExtendedPublicKey.fromBase58(accountXpub, versions(params)), null);
    }

    /** The same account with its private key, which must be the one behind this account's public key. */
    public Keychain withPrivateKey(ExtendedPrivateKey acct) {
        if (!acct.neuter().equals(account)) {
            throw new IllegalArgumentException("private account key does not match the account's public key");
        }
        return new Keychain(params, account, acct);
    }

    public static Bip32Versions versions(NetworkParams params) {
        return new Bip32Versions(params.bip32PrivateVersion(), params.bip32PublicVersion());
    }

    public String accountXpub() {
        return account.toBase58(versions(params));
    }

    public NetworkParams params() {
        return params;
    }

    public Address address(KeyPath path) {
        return Address.fromPublicKey(params.pubKeyHashVersion(), publicKey(path));
    }

    /** The 33-byte compressed public key: compressed keys make smaller inputs, so cheaper sends. */
    public byte[] publicKey(KeyPath path) {
        return chains[path.chain()].derive(path.index()).publicKey();
    }

    public boolean canSign() {
        return privateAccount != null;
    }

    /** The signing key of an address; needs a keychain opened with the password. */
    public EcPrivateKey privateKey(KeyPath path) {
        if (privateAccount == null) {
            throw new IllegalStateException("watch-only keychain has no private keys");
        }
        return EcPrivateKey.fromBytes(privateAccount.derive(path.chain()).derive(path.index()).privateKey());
    }

    /** The full path of an address from the master key, for display. */
    public String fullPath(KeyPath path) {
        return accountPath(params).child(path.chain()).child(path.index()).toString();
    }

    /** Searches indexes below {@code limit} on both chains for an address. */
    public Optional<KeyPath> find(Address address, int limit) {
        for (int chain = KeyPath.RECEIVE; chain <= KeyPath.CHANGE; chain++) {
            for (int i = 0; i < limit; i++) {
                KeyPath p = new KeyPath(chain, i);
                if (address(p).equals(address)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Keychain[" + params.name() + ", " + (canSign() ? "signing" : "watch-only") + "]";
    }
}
