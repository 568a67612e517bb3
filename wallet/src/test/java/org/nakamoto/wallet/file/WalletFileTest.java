package org.nakamoto.wallet.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.keys.Mnemonic;

class WalletFileTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final char[] PASSWORD = "correct horse".toCharArray();
    static final Mnemonic MNEMONIC = Mnemonic.parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
    /** Low cost keeps the tests fast; the CLI always writes the default 2^15. */
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    static WalletFile newWallet(String passphrase) {
        return WalletFile.create(REGTEST, new WalletSecrets(MNEMONIC, passphrase), PASSWORD,
                KdfParams.withCost(1 << 10, RANDOM), RANDOM);
    }

    @Test
    void roundTripKeepsSecretsIndexesAndHistory() {
        WalletStore store = new WalletStore(dir.resolve("w.json"));
        store.create(newWallet("TREZOR"));
        store.update(w -> w.withNextIndexAtLeast(KeyPath.RECEIVE, 3).withNextIndexAtLeast(KeyPath.CHANGE, 2)
                .withHistory(List.of(HistoryEntry.sent("ab".repeat(32), "addr", 5, 1, 7))));
        WalletFile loaded = store.load();
        WalletSecrets s = loaded.unlock(PASSWORD);
        assertEquals(MNEMONIC, s.mnemonic());
        assertEquals("TREZOR", s.passphrase());
        assertEquals(3, loaded.nextReceiveIndex());
        assertEquals(2, loaded.nextChangeIndex());
        assertEquals(List.of(HistoryEntry.sent("ab".repeat(32), "addr", 5, 1, 7)), loaded.history());
        assertEquals("regtest", loaded.network());
        assertEquals(loaded.accountXpub(), loaded.signingKeychain(REGTEST, PASSWORD).accountXpub());
        assertArrayEquals(loaded.toJson(), WalletFile.fromJson(loaded.toJson(), "x").toJson());
    }

    @Test
    void defaultCostIsScrypt2To15() {
        WalletFile w = WalletFile.create(REGTEST, new WalletSecrets(MNEMONIC, ""), PASSWORD,
                KdfParams.fresh(RANDOM), RANDOM);
        assertEquals(1 << 15, w.kdf().n());
        assertEquals(8, w.kdf().r());
        assertEquals(1, w.kdf().p());
        assertEquals(MNEMONIC, w.unlock(PASSWORD).mnemonic());
    }

    @Test
    void secretsAreNotInTheFileInTheClear() {
        String json = new String(newWallet("my passphrase").toJson(), StandardCharsets.UTF_8);
        assertTrue(!json.contains("abandon") && !json.contains("my passphrase"), json);
        assertTrue(!json.contains(org.nakamoto.chain.codec.Hex.encode(MNEMONIC.entropy())));
    }

    @Test
    void wrongPasswordIsAClearErrorAndChangesNothing() throws Exception {
        Path p = dir.resolve("w.json");
        WalletStore store = new WalletStore(p);
        store.create(newWallet(""));
        byte[] before = Files.readAllBytes(p);
        WalletException e = assertThrows(WrongPasswordException.class,
                () -> store.load().unlock("wrong".toCharArray()));
        assertEquals("wrong wallet password", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void truncatedJsonIsAClearError() throws Exception {
        Path p = dir.resolve("w.json");
        new WalletStore(p).create(newWallet(""));
        byte[] full = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(full, full.length / 2));
        WalletException e = assertThrows(WalletException.class, () -> new WalletStore(p).load());
        assertTrue(e.getMessage().contains("not well-formed JSON"), e.getMessage());
    }

    @Test
    void flippedCiphertextByteFailsAuthentication() {
        WalletFile w = newWallet("");
        String json = new String(w.toJson(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"ciphertext\" : \"") + "\"ciphertext\" : \"".length() + 10;
        char c = json.charAt(at);
        String flipped = json.substring(0, at) + (c == '0' ? '1' : '0') + json.substring(at + 1);
        WalletFile bad = WalletFile.fromJson(flipped.getBytes(StandardCharsets.UTF_8), "w");
        WalletException e = assertThrows(WalletException.class, () -> bad.unlock(PASSWORD));
        assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
        assertTrue(!(e instanceof WrongPasswordException));
    }

    @Test
    void editedClearFieldsNoLongerOpen() {
        String json = new String(newWallet("").toJson(), StandardCharsets.UTF_8);
        // Another account key in the clear part: the GCM additional data no longer matches.
        String other = WalletFile.create(REGTEST, new WalletSecrets(Mnemonic.fromEntropy(new byte[16]), "x"), PASSWORD,
                KdfParams.withCost(1 << 10, RANDOM), RANDOM).accountXpub();
        WalletFile swapped = WalletFile.fromJson(json.replaceAll("tpub[0-9A-Za-z]+", other)
                .getBytes(StandardCharsets.UTF_8), "w");
        assertThrows(WalletException.class, () -> swapped.unlock(PASSWORD));
        WalletFile renamed = WalletFile.fromJson(json.replace("\"regtest\"", "\"testnet\"")
                .getBytes(StandardCharsets.UTF_8), "w");
        assertThrows(WalletException.class, () -> renamed.unlock(PASSWORD));
    }

    /** Version 3 keeps the BIP86 account key beside the others, covered by the additional data like them. */
    @Test
    void theTaprootAccountIsStoredAndAuthenticated() {
        WalletFile w = newWallet("");
        assertEquals(WalletFile.VERSION, w.version());
        assertEquals(java.util.EnumSet.allOf(AddressType.class), w.types());
        String tap = w.segwitAccounts().get(AddressType.BECH32M);
        assertEquals(w.signingKeychain(REGTEST, PASSWORD).accountXpub(AddressType.BECH32M), tap);
        WalletFile loaded = WalletFile.fromJson(w.toJson(), "w");
        assertEquals(tap, loaded.segwitAccounts().get(AddressType.BECH32M));
        assertEquals(w.keychain(REGTEST).address(new KeyPath(AddressType.BECH32M, KeyPath.RECEIVE, 3)),
                loaded.signingKeychain(REGTEST, PASSWORD).address(new KeyPath(AddressType.BECH32M, KeyPath.RECEIVE, 3)));
        // Another account's key in the bech32m slot: the file no longer opens, so coins cannot be misdirected.
        String json = new String(w.toJson(), StandardCharsets.UTF_8);
        String swapped = json.replace("\"bech32m\" : \"" + tap, "\"bech32m\" : \"" + w.segwitAccounts().get(AddressType.BECH32));
        WalletFile edited = WalletFile.fromJson(swapped.getBytes(StandardCharsets.UTF_8), "w");
        assertThrows(WalletException.class, () -> edited.unlock(PASSWORD));
        // The master fingerprint (descriptors' key origin) is authenticated too, and checked against the seed.
        assertEquals(java.util.Optional.of("73c5da0a"), loaded.masterFingerprint(), "the all-abandon mnemonic's");
        assertEquals("[73c5da0a/86h/1h/0h/0/3]", loaded.keychain(REGTEST).keyOrigin(new KeyPath(AddressType.BECH32M, KeyPath.RECEIVE, 3)));
        WalletFile otherMaster = WalletFile.fromJson(json.replace("\"73c5da0a\"", "\"00000000\"").getBytes(StandardCharsets.UTF_8), "w");
        assertThrows(WalletException.class, () -> otherMaster.unlock(PASSWORD));
        // A version-3 file without its taproot account is corrupt, not silently a version-2 one.
        String missing = json.replaceFirst(",\\s*\"bech32m\" : \"tpub[0-9A-Za-z]+\"", "");
        WalletException e = assertThrows(WalletException.class,
                () -> WalletFile.fromJson(missing.getBytes(StandardCharsets.UTF_8), "w"));
        assertTrue(e.getMessage().contains("missing field \"bech32m\""), e.getMessage());
    }

    @Test
    void absurdKdfParametersAreRefusedBeforeAnyWork() {
        String json = new String(newWallet("").toJson(), StandardCharsets.UTF_8).replace("\"n\" : 1024", "\"n\" : 1073741824");
        WalletException e = assertThrows(WalletException.class,
                () -> WalletFile.fromJson(json.getBytes(StandardCharsets.UTF_8), "w"));
        assertTrue(e.getMessage().contains("scrypt N"), e.getMessage());
    }

    @Test
    void notAWalletAndMissingFieldsAreClearErrors() {
        assertTrue(assertThrows(WalletException.class, () -> WalletFile.fromJson("{}".getBytes(), "w"))
                .getMessage().contains("not a nakamoto wallet file"));
        String json = new String(newWallet("").toJson(), StandardCharsets.UTF_8).replace("\"nonce\"", "\"nonse\"");
        assertTrue(assertThrows(WalletException.class, () -> WalletFile.fromJson(json.getBytes(), "w"))
                .getMessage().contains("missing field \"nonce\""));
    }

    @Test
    void refusesToOverwriteAnExistingWallet() throws Exception {
        Path p = dir.resolve("w.json");
        WalletStore store = new WalletStore(p);
        store.create(newWallet(""));
        byte[] before = Files.readAllBytes(p);
        WalletException e = assertThrows(WalletException.class, () -> store.create(newWallet("other")));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void fileIsOwnerOnlyAndStaysSoAfterUpdates() throws Exception {
        Path p = dir.resolve("sub/w.json");
        WalletStore store = new WalletStore(p);
        store.create(newWallet(""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.getParent())));
        store.update(w -> w.withNextIndexAtLeast(KeyPath.RECEIVE, 1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }

    @Test
    void failedUpdateWritesNothing() throws Exception {
        Path p = dir.resolve("w.json");
        WalletStore store = new WalletStore(p);
        store.create(newWallet(""));
        byte[] before = Files.readAllBytes(p);
        assertThrows(WalletException.class, () -> store.update(w -> {
            throw new WalletException("refused");
        }));
        assertArrayEquals(before, Files.readAllBytes(p));
    }
}
