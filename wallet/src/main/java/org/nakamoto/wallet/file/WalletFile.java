package org.nakamoto.wallet.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.Keychain;

/**
 * The contents of a wallet file, immutable; {@link WalletStore} reads and writes it. In the clear: the
 * network, the account's extended public key (so that addresses and balances need no password), the next
 * unused address index of each chain, and the history. Encrypted: {@link WalletSecrets}. The GCM additional
 * data covers the network, account and KDF fields, so that a file edited to point at another account or
 * network no longer opens.
 *
 * <p>Version 2 (segwit) adds {@code segwitAccounts}, the BIP49 and BIP84 account keys, also covered by the
 * additional data; version 1 files (BIP44 only) still open, and keep handing out and spending
 * pay-to-pubkey-hash addresses, since their segwit account keys could only be derived with the password.
 * Version 3 (taproot) adds the BIP86 account key to {@code segwitAccounts} (taproot is witness version 1)
 * under {@code bech32m}, the same way, and {@code masterFingerprint}, the master key's fingerprint that
 * Core's descriptors name as each key's origin; both covered by the additional data. Version 2 files open
 * with the accounts they have, and their descriptors carry no key origin.
 */
public final class WalletFile {
    public static final String FORMAT = "nakamoto-wallet";
    public static final int VERSION = 3;
    /** The segwit format without taproot: BIP44, BIP49 and BIP84 accounts. */
    public static final int VERSION_SEGWIT = 2;
    /** The pre-segwit format: one BIP44 account. */
    public static final int VERSION_LEGACY = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int version;
    private final String network;
    private final String accountXpub;
    private final Map<AddressType, String> segwitXpubs;
    /** Eight hex digits, or null before version 3. */
    private final String masterFingerprint;
    private final KdfParams kdf;
    private final WalletCrypto.Sealed sealed;
    private final int nextReceiveIndex;
    private final int nextChangeIndex;
    private final List<HistoryEntry> history;

    private WalletFile(int version, String network, String accountXpub, Map<AddressType, String> segwitXpubs,
            String masterFingerprint, KdfParams kdf, WalletCrypto.Sealed sealed, int nextReceiveIndex, int nextChangeIndex,
            List<HistoryEntry> history) {
        if (nextReceiveIndex < 0 || nextChangeIndex < 0) {
            throw new WalletException("wallet file is corrupt: negative address index");
        }
        this.version = version;
        this.network = network;
        this.accountXpub = accountXpub;
        Map<AddressType, String> seg = new EnumMap<>(AddressType.class);
        seg.putAll(segwitXpubs);
        seg.remove(AddressType.LEGACY);
        this.segwitXpubs = Collections.unmodifiableMap(seg);
        this.masterFingerprint = masterFingerprint;
        this.kdf = kdf;
        this.sealed = sealed;
        this.nextReceiveIndex = nextReceiveIndex;
        this.nextChangeIndex = nextChangeIndex;
        this.history = List.copyOf(history);
    }

    /** A new wallet for {@code secrets}, sealed under {@code password}. */
    public static WalletFile create(NetworkParams params, WalletSecrets secrets, char[] password, KdfParams kdf,
            SecureRandom random) {
        if (password.length == 0) {
            throw new WalletException("the wallet password must not be empty");
        }
        Keychain keys = Keychain.fromSeed(params, secrets.seed());
        String xpub = keys.accountXpub();
        Map<AddressType, String> segwit = new EnumMap<>(AddressType.class);
        for (AddressType t : accountTypes(VERSION)) {
            segwit.put(t, keys.accountXpub(t));
        }
        String fingerprint = keys.masterFingerprint().orElseThrow();
        WalletCrypto.Sealed sealed = WalletCrypto.seal(secrets.toPlaintext(), password, kdf,
                aad(VERSION, params.name(), xpub, segwit, fingerprint, kdf), random);
        return new WalletFile(VERSION, params.name(), xpub, segwit, fingerprint, kdf, sealed, 0, 0, List.of());
    }

    /**
     * Opens the secrets and checks that they give the account this file shows.
     *
     * @throws WrongPasswordException on a wrong password
     * @throws WalletException on a damaged file
     */
    public WalletSecrets unlock(char[] password) {
        WalletSecrets secrets = WalletSecrets.fromPlaintext(
                WalletCrypto.open(sealed, password, kdf, aad(version, network, accountXpub, segwitAccounts(), masterFingerprint, kdf)));
        return secrets;
    }

    /** A keychain that can sign: the password opens the seed, whose account must match the stored one. */
    public Keychain signingKeychain(NetworkParams params, char[] password) {
        checkNetwork(params);
        Keychain keys = Keychain.fromSeed(params, unlock(password).seed(), types());
        if (!keys.accountXpub().equals(accountXpub)) {
            throw new WalletException("wallet file is corrupt: the seed does not give the stored account key");
        }
        if (masterFingerprint != null && !masterFingerprint.equals(keys.masterFingerprint().orElseThrow())) {
            throw new WalletException("wallet file is corrupt: the seed does not give the stored master fingerprint");
        }
        for (Map.Entry<AddressType, String> e : segwitAccounts().entrySet()) {
            if (!keys.accountXpub(e.getKey()).equals(e.getValue())) {
                throw new WalletException("wallet file is corrupt: the seed does not give the stored " + e.getKey()
                        + " account key");
            }
        }
        return keys;
    }

    /** A watch-only keychain: enough for addresses and balances. */
    public Keychain keychain(NetworkParams params) {
        checkNetwork(params);
        try {
            Map<AddressType, String> all = new EnumMap<>(AddressType.class);
            all.putAll(segwitAccounts());
            all.put(AddressType.LEGACY, accountXpub);
            return Keychain.watching(params, all, masterFingerprint);
        } catch (ParseException e) {
            throw new WalletException("wallet file is corrupt: bad account key: " + e.getMessage());
        }
    }

    public void checkNetwork(NetworkParams params) {
        if (!params.name().equals(network)) {
            throw new WalletException("this wallet is for network '" + network + "', not '" + params.name()
                    + "' (use --network " + network + ")");
        }
    }

    /**
     * The GCM additional data: every clear field that decides which keys and which chain the secrets serve.
     * Version 1's form is kept byte for byte, so old files still open.
     */
    private static byte[] aad(int version, String network, String xpub, Map<AddressType, String> segwit,
            String masterFingerprint, KdfParams kdf) {
        StringBuilder s = new StringBuilder(FORMAT + "/" + version + "\n" + network + "\n" + xpub + "\n" + kdf.n() + ","
                + kdf.r() + "," + kdf.p() + "," + Hex.encode(kdf.salt()));
        if (version >= VERSION_SEGWIT) {
            segwit.forEach((t, x) -> s.append('\n').append(t.option()).append('=').append(x));
        }
        if (version >= VERSION) {
            s.append("\nmaster=").append(masterFingerprint);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The witness account types a file version holds in {@code segwitAccounts}, in the file's order. */
    static List<AddressType> accountTypes(int version) {
        return switch (version) {
            case VERSION_LEGACY -> List.of();
            case VERSION_SEGWIT -> List.of(AddressType.P2SH_SEGWIT, AddressType.BECH32);
            default -> List.of(AddressType.P2SH_SEGWIT, AddressType.BECH32, AddressType.BECH32M);
        };
    }

    /** The witness accounts' keys (empty for a version-1 file, no taproot account in a version-2 one). */
    public Map<AddressType, String> segwitAccounts() {
        return segwitXpubs;
    }

    /** The account types of this wallet: BIP44 always, BIP49 and BIP84 from version 2, BIP86 from 3. */
    public Set<AddressType> types() {
        Set<AddressType> t = EnumSet.of(AddressType.LEGACY);
        t.addAll(segwitAccounts().keySet());
        return t;
    }

    /** The master key's fingerprint (8 hex digits), absent in files before version 3. */
    public java.util.Optional<String> masterFingerprint() {
        return java.util.Optional.ofNullable(masterFingerprint);
    }

    public int version() {
        return version;
    }

    public String network() {
        return network;
    }

    public String accountXpub() {
        return accountXpub;
    }

    /** For people reading the file: where the account sits (m/44'/coin'/0'); the xpub itself is what counts. */
    private String accountPath() {
        try {
            return Keychain.accountPath(ParamsLoader.builtIn(network)).toString();
        } catch (RuntimeException e) {
            return "m/44'/coin'/0'";
        }
    }

    public int nextReceiveIndex() {
        return nextReceiveIndex;
    }

    public int nextChangeIndex() {
        return nextChangeIndex;
    }

    public int nextIndex(int chain) {
        return chain == KeyPath.CHANGE ? nextChangeIndex : nextReceiveIndex;
    }

    public List<HistoryEntry> history() {
        return history;
    }

    public KdfParams kdf() {
        return kdf;
    }

    /** This file with a chain's next index raised to at least {@code next} (indexes never go back). */
    public WalletFile withNextIndexAtLeast(int chain, int next) {
        if (next < 0 || next > KeyPath.INDEX_LIMIT) {
            throw new WalletException("address index " + next + " is past BIP32's non-hardened limit of 2^31-1");
        }
        int r = chain == KeyPath.RECEIVE ? Math.max(nextReceiveIndex, next) : nextReceiveIndex;
        int c = chain == KeyPath.CHANGE ? Math.max(nextChangeIndex, next) : nextChangeIndex;
        return new WalletFile(version, network, accountXpub, segwitAccounts(), masterFingerprint, kdf, sealed, r, c, history);
    }

    /** This file with the entries not already in its history appended (an entry is identified by its key). */
    public WalletFile withHistory(List<HistoryEntry> entries) {
        Map<String, HistoryEntry> merged = new LinkedHashMap<>();
        history.forEach(e -> merged.put(e.key(), e));
        entries.forEach(e -> merged.putIfAbsent(e.key(), e));
        return new WalletFile(version, network, accountXpub, segwitAccounts(), masterFingerprint, kdf, sealed, nextReceiveIndex,
                nextChangeIndex, new ArrayList<>(merged.values()));
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("version", version)
                .put("network", network)
                .put("accountPath", accountPath())
                .put("accountXpub", accountXpub);
        if (version >= VERSION_SEGWIT) {
            ObjectNode seg = root.putObject("segwitAccounts");
            segwitAccounts().forEach((t, x) -> seg.put(t.option(), x));
        }
        if (version >= VERSION) {
            root.put("masterFingerprint", masterFingerprint);
        }
        root.putObject("kdf")
                .put("algorithm", "scrypt")
                .put("n", kdf.n())
                .put("r", kdf.r())
                .put("p", kdf.p())
                .put("salt", Hex.encode(kdf.salt()))
                .put("keyCheck", Hex.encode(sealed.keyCheck()));
        root.putObject("cipher")
                .put("algorithm", "aes-256-gcm")
                .put("nonce", Hex.encode(sealed.nonce()))
                .put("ciphertext", Hex.encode(sealed.ciphertext()));
        root.put("nextReceiveIndex", nextReceiveIndex);
        root.put("nextChangeIndex", nextChangeIndex);
        ArrayNode h = root.putArray("history");
        for (HistoryEntry e : history) {
            h.addObject()
                    .put("kind", e.kind())
                    .put("txid", e.txid())
                    .put("vout", e.vout())
                    .put("address", e.address())
                    .put("amountSat", e.amountSat())
                    .put("feeSat", e.feeSat())
                    .put("firstSeen", e.firstSeen());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws WalletException naming what is wrong, for anything but a well-formed wallet file of a known version */
    public static WalletFile fromJson(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new WalletException(source + " is not a valid wallet file: not well-formed JSON (truncated?)");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new WalletException(source + " is not a nakamoto wallet file");
        }
        int version = root.path("version").asInt();
        if (version != VERSION && version != VERSION_SEGWIT && version != VERSION_LEGACY) {
            throw new WalletException(source + ": unsupported wallet file version " + root.path("version"));
        }
        try {
            JsonNode k = field(root, "kdf");
            if (!"scrypt".equals(text(k, "algorithm"))) {
                throw new WalletException("unsupported key derivation " + text(k, "algorithm"));
            }
            JsonNode c = field(root, "cipher");
            if (!"aes-256-gcm".equals(text(c, "algorithm"))) {
                throw new WalletException("unsupported cipher " + text(c, "algorithm"));
            }
            KdfParams kdf = new KdfParams(field(k, "n").asInt(), field(k, "r").asInt(), field(k, "p").asInt(),
                    Hex.decode(text(k, "salt")));
            WalletCrypto.Sealed sealed = new WalletCrypto.Sealed(Hex.decode(text(c, "nonce")),
                    Hex.decode(text(c, "ciphertext")), Hex.decode(text(k, "keyCheck")));
            List<HistoryEntry> history = new ArrayList<>();
            for (JsonNode e : root.path("history")) {
                history.add(new HistoryEntry(text(e, "kind"), text(e, "txid"), field(e, "vout").asLong(),
                        text(e, "address"), field(e, "amountSat").asLong(), field(e, "feeSat").asLong(),
                        field(e, "firstSeen").asLong()));
            }
            Map<AddressType, String> segwit = new EnumMap<>(AddressType.class);
            if (version >= VERSION_SEGWIT) {
                JsonNode seg = field(root, "segwitAccounts");
                for (AddressType t : accountTypes(version)) {
                    segwit.put(t, text(seg, t.option()));
                }
            }
            String fingerprint = version >= VERSION ? text(root, "masterFingerprint") : null;
            if (fingerprint != null && !fingerprint.matches("[0-9a-f]{8}")) {
                throw new WalletException("masterFingerprint must be 8 lower-case hex digits, not '" + fingerprint + "'");
            }
            return new WalletFile(version, text(root, "network"), text(root, "accountXpub"), segwit, fingerprint, kdf, sealed,
                    field(root, "nextReceiveIndex").asInt(), field(root, "nextChangeIndex").asInt(), history);
        } catch (WalletException | ParseException | IllegalArgumentException e) {
            throw new WalletException(source + " is corrupt: " + e.getMessage());
        }
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new WalletException("missing field \"" + name + "\"");
        }
        return v;
    }

    private static String text(JsonNode o, String name) {
        return field(o, name).asText();
    }
}
