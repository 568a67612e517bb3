package org.nakamoto.wallet.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;

/**
 * Each type's output script and descriptor for the key of BIP381-386's examples (03a34b99...): the scripts
 * those BIPs give for {@code pkh()}, {@code sh(wpkh())}, {@code wpkh()} and {@code tr()} of that key.
 */
class AddressTypeTest {
    static final NetworkParams MAINNET = ParamsLoader.builtIn("mainnet");
    static final byte[] KEY = Hex.decode("03a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd");

    @Test
    void scriptsAndDescriptorsOfTheBipExampleKey() {
        String[][] rows = {
            {"LEGACY", "76a9149a1c78a507689f6f54b847ad1cef1e614ee23f1e88ac", "pkh(" + Hex.encode(KEY) + ")"},
            {"P2SH_SEGWIT", "a91484ab21b1b2fd065d4504ff693d832434b6108d7b87", "sh(wpkh(" + Hex.encode(KEY) + "))"},
            {"BECH32", "00149a1c78a507689f6f54b847ad1cef1e614ee23f1e", "wpkh(" + Hex.encode(KEY) + ")"},
            // BIP386: tr() of the x-only key; the descriptor names the internal key, the script the output key.
            {"BECH32M", "512077aab6e066f8a7419c5ab714c12c67d25007ed55a43cadcacb4d7a970a093f11",
                "tr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)"},
        };
        for (String[] r : rows) {
            AddressType t = AddressType.valueOf(r[0]);
            assertEquals(r[1], Hex.encode(t.scriptPubKey(KEY, MAINNET).bytes()), t.option());
            String desc = t.descriptor("", KEY);
            assertTrue(desc.matches(java.util.regex.Pattern.quote(r[2]) + "#[02-9ac-hj-np-z]{8}"), desc);
        }
        assertEquals("tr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)#dh4fyxrd",
                AddressType.BECH32M.descriptor("", KEY));
        assertTrue(AddressType.BECH32M.address(KEY, MAINNET).startsWith("bc1p"));
    }

    @Test
    void optionsAreCoresAddressTypeNames() {
        assertEquals(AddressType.BECH32M, AddressType.fromOption("bech32m"));
        assertEquals(AddressType.BECH32M, AddressType.fromOption("BECH32M"));
        assertEquals(86, AddressType.BECH32M.purpose());
    }
}
