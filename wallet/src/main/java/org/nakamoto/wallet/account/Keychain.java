package org.nakamoto.wallet.account;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.keys.Bip32Versions;
import org.nakamoto.wallet.keys.DerivationPath;
import org.nakamoto.wallet.keys.ExtendedPrivateKey;
import org.nakamoto.wallet.keys.ExtendedPublicKey;

/**
 * The wallet's accounts, one per {@link AddressType}: m/44'/coin'/0' (pay-to-pubkey-hash, BIP44),
 * m/49'/coin'/0' (P2SH-P2WPKH, BIP49), m/84'/coin'/0' (native P2WPKH, BIP84) and m/86'/coin'/0' (taproot
 * key path, BIP86), and the addresses below each: .../0/i to receive and .../1/i for change. A wallet made
 * before segwit has only the BIP44 account (its file holds only that public key), one made before taproot
 * has no BIP86 account; each keeps working with what it has. Built from the accounts' extended public
 * keys it hands out addresses without the password; {@link #fromSeed} adds signing. Immutable.
 */
public final class Keychain {
    private final NetworkParams params;
    private final Map<AddressType, ExtendedPublicKey> accounts;
    private final Map<AddressType, ExtendedPublicKey[]> chains = new EnumMap<>(AddressType.class);
    private final Map<AddressType, ExtendedPrivateKey> privateAccounts;
    /** The master key's fingerprint as 8 hex digits, or null when only the accounts' keys are known. */
    private final String masterFingerprint;

    private Keychain(NetworkParams params, Map<AddressType, ExtendedPublicKey> accounts,
            Map<AddressType, ExtendedPrivateKey> privateAccounts, String masterFingerprint) {
        if (!accounts.containsKey(AddressType.LEGACY)) {
            throw new IllegalArgumentException("every wallet has its BIP44 account");
        }
        this.params = params;
        this.accounts = Collections.unmodifiableMap(new EnumMap<>(accounts));
        // Derived once: every address below costs one non-hardened step from its chain key.
        accounts.forEach((t, a) -> chains.put(t,
                new ExtendedPublicKey[] {a.derive(KeyPath.RECEIVE), a.derive(KeyPath.CHANGE)}));
        this.privateAccounts = privateAccounts;
        this.masterFingerprint = masterFingerprint;
    }

    /** m/44'/coin'/0' for a network: hardened down to the account, as BIP44 prescribes. */
    public static DerivationPath accountPath(NetworkParams params) {
        return accountPath(params, AddressType.LEGACY);
    }

    /** m/purpose'/coin'/0' of an address type (BIP44, BIP49, BIP84, BIP86). */
    public static DerivationPath accountPath(NetworkParams params, AddressType type) {
        return DerivationPath.of(DerivationPath.harden(type.purpose()), DerivationPath.harden(params.bip44CoinType()),
                DerivationPath.harden(0));
    }

    /** Every account type from a seed, able to sign. */
    public static Keychain fromSeed(NetworkParams params, byte[] seed) {
        return fromSeed(params, seed, Set.of(AddressType.values()));
    }

    /** The given account types from a seed (always including the BIP44 one), able to sign. */
    public static Keychain fromSeed(NetworkParams params, byte[] seed, Set<AddressType> types) {
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
        Map<AddressType, ExtendedPublicKey> pub = new EnumMap<>(AddressType.class);
        Map<AddressType, ExtendedPrivateKey> priv = new EnumMap<>(AddressType.class);
        for (AddressType t : AddressType.values()) {
            if (t == AddressType.LEGACY || types.contains(t)) {
                ExtendedPrivateKey acct = master.derive(accountPath(params, t));
                priv.put(t, acct);
                pub.put(t, acct.neuter());
            }
        }
        return new Keychain(params, pub, priv, String.format("%08x", master.fingerprint()));
    }

    /** A watch-only keychain from the BIP44 account's serialized extended public key (a pre-segwit wallet). */
    public static Keychain watching(NetworkParams params, String accountXpub) {
        return watching(params, Map.of(AddressType.LEGACY, accountXpub));
    }

    /** A watch-only keychain from each account's serialized extended public key. */
    public static Keychain watching(NetworkParams params, Map<AddressType, String> accountXpubs) {
        return watching(params, accountXpubs, null);
    }

    /** As above, knowing the master key's fingerprint (8 hex digits; null if unknown) for key origins. */
    public static Keychain watching(NetworkParams params, Map<AddressType, String> accountXpubs, String masterFingerprint) {
        Map<AddressType, ExtendedPublicKey> pub = new EnumMap<>(AddressType.class);
        accountXpubs.forEach((t, x) -> pub.put(t, ExtendedPublicKey.fromBase58(x, versions(params))));
        return new Keychain(params, pub, null, masterFingerprint);
    }

    public static Bip32Versions versions(NetworkParams params) {
        return new Bip32Versions(params.bip32PrivateVersion(), params.bip32PublicVersion());
    }

    /** The BIP44 account's extended public key. */
    public String accountXpub() {
        return accountXpub(AddressType.LEGACY);
    }

    public String accountXpub(AddressType type) {
        return account(type).toBase58(versions(params));
    }

    /** The account types this keychain has. */
    public Set<AddressType> types() {
        return accounts.keySet();
    }

    /** Native segwit when the wallet has that account, else pay-to-pubkey-hash (a pre-segwit wallet). */
    public AddressType defaultType() {
        return accounts.containsKey(AddressType.BECH32) ? AddressType.BECH32 : AddressType.LEGACY;
    }

    public NetworkParams params() {
        return params;
    }

    public WalletAddress address(KeyPath path) {
        byte[] key = publicKey(path);
        return new WalletAddress(path.type().address(key, params), path.type().scriptPubKey(key, params));
    }

    /** The 33-byte compressed public key: compressed keys make smaller inputs, so cheaper sends. */
    public byte[] publicKey(KeyPath path) {
        ExtendedPublicKey[] c = chains.get(path.type());
        if (c == null) {
            throw new IllegalArgumentException("this wallet has no " + path.type() + " account");
        }
        return c[path.chain()].derive(path.index()).publicKey();
    }

    public boolean canSign() {
        return privateAccounts != null;
    }

    /** The signing key of an address; needs a keychain opened with the password. */
    public EcPrivateKey privateKey(KeyPath path) {
        if (privateAccounts == null) {
            throw new IllegalStateException("watch-only keychain has no private keys");
        }
        ExtendedPrivateKey acct = privateAccounts.get(path.type());
        if (acct == null) {
            throw new IllegalArgumentException("this wallet has no " + path.type() + " account");
        }
        return EcPrivateKey.fromBytes(acct.derive(path.chain()).derive(path.index()).privateKey());
    }

    /** The master key's fingerprint (8 hex digits), when known. */
    public Optional<String> masterFingerprint() {
        return Optional.ofNullable(masterFingerprint);
    }

    /**
     * Core's key origin of an address's key, {@code [fingerprint/86h/1h/0h/0/5]} (hardened steps written with
     * {@code h}, as Core prints them), or empty when the master fingerprint is unknown.
     */
    public String keyOrigin(KeyPath path) {
        return masterFingerprint == null ? ""
                : "[" + masterFingerprint + fullPath(path).substring(1).replace('\'', 'h') + "]";
    }

    /** A Core descriptor of an address's output, with its key origin when known (see {@link AddressType#descriptor}). */
    public String descriptor(KeyPath path) {
        return path.type().descriptor(keyOrigin(path), publicKey(path));
    }

    /** The full path of an address from the master key, for display. */
    public String fullPath(KeyPath path) {
        return accountPath(params, path.type()).child(path.chain()).child(path.index()).toString();
    }

    /** Searches indexes below {@code limit} on both chains of every account for an address (its text). */
    public Optional<KeyPath> find(String address, int limit) {
        for (AddressType t : accounts.keySet()) {
            for (int chain = KeyPath.RECEIVE; chain <= KeyPath.CHANGE; chain++) {
                for (int i = 0; i < limit; i++) {
                    KeyPath p = new KeyPath(t, chain, i);
                    if (address(p).text().equals(address)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private ExtendedPublicKey account(AddressType type) {
        ExtendedPublicKey a = accounts.get(type);
        if (a == null) {
            throw new IllegalArgumentException("this wallet has no " + type + " account");
        }
        return a;
    }

    @Override
    public String toString() {
        return "Keychain[" + params.name() + ", " + accounts.keySet() + ", " + (canSign() ? "signing" : "watch-only") + "]";
    }
}
