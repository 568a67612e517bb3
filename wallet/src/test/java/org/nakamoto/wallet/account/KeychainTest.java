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
        assertEquals(new KeyPath(KeyPath.CHANGE, 3), watching.find(signing.address(new KeyPath(KeyPath.CHANGE, 3)), 10).orElseThrow());
        assertThrows(IllegalStateException.class, () -> watching.privateKey(new KeyPath(0, 0)));
    }
}
