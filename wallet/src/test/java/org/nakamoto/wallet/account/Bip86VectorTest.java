package org.nakamoto.wallet.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.wallet.keys.Bip32Versions;
import org.nakamoto.wallet.keys.DerivationPath;
import org.nakamoto.wallet.keys.ExtendedPrivateKey;
import org.nakamoto.wallet.keys.Mnemonic;

/**
 * BIP86's test vectors (bip86-vectors.json, from bip-0086.mediawiki): from the mnemonic, the root and account
 * extended keys, and for m/86'/0'/0'/0/0, 0/1 and 1/0 the extended keys, the internal key, the output key,
 * the scriptPubKey and the bech32m address, each through the wallet's own keychain.
 */
class Bip86VectorTest {
    static final NetworkParams MAINNET = ParamsLoader.builtIn("mainnet");
    static final Bip32Versions XPRV = Keychain.versions(MAINNET);

    static JsonNode vectors() throws IOException {
        try (InputStream in = Bip86VectorTest.class.getResourceAsStream("/bip86-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyValueReproduces() throws IOException {
        JsonNode v = vectors();
        byte[] seed = Mnemonic.parse(v.get("mnemonic").asText()).toSeed("");
        ExtendedPrivateKey root = ExtendedPrivateKey.fromSeed(seed);
        assertEquals(v.get("rootpriv").asText(), root.toBase58(XPRV));
        assertEquals(v.get("rootpub").asText(), root.neuter().toBase58(XPRV));

        Keychain keys = Keychain.fromSeed(MAINNET, seed);
        JsonNode account = v.get("account");
        assertEquals(account.get("path").asText(), Keychain.accountPath(MAINNET, AddressType.BECH32M).toString());
        assertEquals(account.get("xpub").asText(), keys.accountXpub(AddressType.BECH32M));
        assertEquals(account.get("xprv").asText(),
                root.derive(DerivationPath.parse(account.get("path").asText())).toBase58(XPRV));

        // A watch-only keychain from the account xpub alone hands out the same addresses.
        Keychain watching = Keychain.watching(MAINNET, java.util.Map.of(AddressType.LEGACY, keys.accountXpub(),
                AddressType.BECH32M, account.get("xpub").asText()));
        int rows = 0;
        for (JsonNode a : v.get("addresses")) {
            String path = a.get("path").asText();
            String[] levels = path.split("/");
            KeyPath p = new KeyPath(AddressType.BECH32M, Integer.parseInt(levels[4]), Integer.parseInt(levels[5]));
            assertEquals(path, keys.fullPath(p));
            ExtendedPrivateKey x = root.derive(DerivationPath.parse(path));
            assertEquals(a.get("xprv").asText(), x.toBase58(XPRV), path);
            assertEquals(a.get("xpub").asText(), x.neuter().toBase58(XPRV), path);

            byte[] internal = AddressType.xOnly(keys.publicKey(p));
            assertEquals(a.get("internal_key").asText(), Hex.encode(internal), path);
            assertEquals(a.get("output_key").asText(), Hex.encode(AddressType.taprootOutputKey(keys.publicKey(p))), path);
            WalletAddress addr = keys.address(p);
            assertEquals(a.get("scriptPubKey").asText(), Hex.encode(addr.scriptPubKey().bytes()), path);
            assertEquals(a.get("address").asText(), addr.text(), path);
            assertEquals(addr, watching.address(p), path);

            // The signing key: its x-only key is the internal key, and its BIP86 tweak signs for the output key.
            EcPrivateKey key = keys.privateKey(p);
            assertArrayEquals(internal, key.xOnlyPublicKey(), path);
            assertEquals(a.get("output_key").asText(), Hex.encode(Taproot.tweakPrivateKey(key, null).xOnlyPublicKey()), path);
            assertEquals(p, keys.find(a.get("address").asText(), 2).orElseThrow(), path);
            // Core's descriptor of the output, the key after its origin (the mnemonic's master fingerprint).
            assertEquals("tr([73c5da0a" + path.substring(1).replace('\'', 'h') + "]" + a.get("internal_key").asText() + ")",
                    keys.descriptor(p).split("#")[0], path);
            rows++;
        }
        assertEquals(3, rows, "receive 0, receive 1, change 0");
    }

    /** The same account on a test network: coin type 1 (BIP44) and bcrt1p addresses. */
    @Test
    void regtestUsesCoinTypeOneAndTheBcrtPrefix() throws IOException {
        NetworkParams regtest = ParamsLoader.builtIn("regtest");
        Keychain keys = Keychain.fromSeed(regtest, Mnemonic.parse(vectors().get("mnemonic").asText()).toSeed(""));
        KeyPath p = new KeyPath(AddressType.BECH32M, KeyPath.RECEIVE, 0);
        assertEquals("m/86'/1'/0'/0/0", keys.fullPath(p));
        String address = keys.address(p).text();
        assertEquals(true, address.matches("bcrt1p[02-9ac-hj-np-z]{58}"), address);
        assertEquals(AddressType.BECH32, keys.defaultType(), "bech32 stays the default, as in Core");
    }
}
