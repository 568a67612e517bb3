package org.nakamoto.wallet.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.keys.Mnemonic;

class KeychainTest {
    static final Mnemonic ABANDON = Mnemonic.parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");

    /** The widely published BIP44 account and first address of the all-"abandon" mnemonic on Bitcoin mainnet. */
    @Test
    void bip44MainnetVector() {
        Keychain k = Keychain.fromSeed(ParamsLoader.builtIn("mainnet"), ABANDON.toSeed(""));
        assertEquals("xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj",
                k.accountXpub());
        assertEquals("1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", k.address(new KeyPath(KeyPath.RECEIVE, 0)).toString());
        assertEquals("m/44'/0'/0'/0/0", k.fullPath(new KeyPath(KeyPath.RECEIVE, 0)));
    }

    /**
     * BIP84's test vectors (bip-0084.mediawiki, "Test vectors"): the account zpub (BIP84's version bytes
     * 0x04b24746), keys and addresses of m/84'/0'/0'/0/0, 0/1 and 1/0.
     */
    @Test
    void bip84Vectors() {
        Keychain k = Keychain.fromSeed(ParamsLoader.builtIn("mainnet"), ABANDON.toSeed(""));
        assertEquals(AddressType.BECH32, k.defaultType());
        org.nakamoto.wallet.keys.ExtendedPublicKey account = org.nakamoto.wallet.keys.ExtendedPublicKey.fromBase58(
                k.accountXpub(AddressType.BECH32), Keychain.versions(ParamsLoader.builtIn("mainnet")));
        assertEquals("zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs",
                account.toBase58(new org.nakamoto.wallet.keys.Bip32Versions(0x04b2430c, 0x04b24746)));
        String[][] rows = {
            {"0", "0", "0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c",
                "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", "KyZpNDKnfs94vbrwhJneDi77V6jF64PWPF8x5cdJb8ifgg2DUc9d"},
            {"0", "1", "03e775fd51f0dfb8cd865d9ff1cca2a158cf651fe997fdc9fee9c1d3b5e995ea77",
                "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", "Kxpf5b8p3qX56DKEe5NqWbNUP9MnqoRFzZwHRtsFqhzuvUJsYZCy"},
            {"1", "0", "03025324888e429ab8e3dbaf1f7802648b9cd01e9b418485c5fa4c1b9b5700e1a6",
                "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el", "KxuoxufJL5csa1Wieb2kp29VNdn92Us8CoaUG3aGtPtcF3AzeXvF"},
        };
        for (String[] r : rows) {
            KeyPath p = new KeyPath(AddressType.BECH32, Integer.parseInt(r[0]), Integer.parseInt(r[1]));
            assertEquals(r[2], org.nakamoto.chain.codec.Hex.encode(k.publicKey(p)));
            assertEquals(r[3], k.address(p).text());
            assertEquals(r[4], org.nakamoto.wallet.keys.WifKey.of(k.privateKey(p).toBytes(), true).encode(128));
            assertEquals("m/84'/0'/" + "0'/" + r[0] + "/" + r[1], k.fullPath(p));
        }
    }

    @Test
    void watchOnlyGivesTheSameAddressesAndSigningKeysMatch() {
        NetworkParams regtest = ParamsLoader.builtIn("regtest");
        Keychain signing = Keychain.fromSeed(regtest, ABANDON.toSeed(""));
        Keychain watching = Keychain.watching(regtest, signing.accountXpub());
        assertFalse(watching.canSign());
        assertEquals("m/44'/1'/0'/1/4", signing.fullPath(new KeyPath(KeyPath.CHANGE, 4)));
        for (int chain = 0; chain <= 1; chain++) {
            for (int i = 0; i < 5; i++) {
                KeyPath p = new KeyPath(chain, i);
                assertEquals(signing.address(p), watching.address(p));
                assertArrayEquals(watching.publicKey(p), signing.privateKey(p).publicKeyBytes(true));
                assertTrue(watching.address(p).toString().startsWith("m") || watching.address(p).toString().startsWith("n"));
            }
        }
        assertEquals(new KeyPath(KeyPath.CHANGE, 3), watching.find(signing.address(new KeyPath(KeyPath.CHANGE, 3)).text(), 10).orElseThrow());
        assertThrows(IllegalStateException.class, () -> watching.privateKey(new KeyPath(0, 0)));
    }
}
