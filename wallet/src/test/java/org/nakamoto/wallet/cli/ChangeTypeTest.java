package org.nakamoto.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.keys.Mnemonic;

/** send's change type without --address-type, as Core's TransactionChangeType without -changetype. */
class ChangeTypeTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final byte[] SEED = Mnemonic.parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").toSeed("");

    static Addresses.Destination to(String address) {
        return Addresses.parse(address, REGTEST);
    }

    static String witness(int version, int length) {
        return SegwitAddress.of(REGTEST.bech32Hrp(), version, new byte[length]).toString();
    }

    @Test
    void changeLooksLikeThePaymentWhenTheWalletHasThatKind() {
        Keychain all = Keychain.fromSeed(REGTEST, SEED);
        Keychain noTaproot = Keychain.fromSeed(REGTEST, SEED, EnumSet.of(AddressType.P2SH_SEGWIT, AddressType.BECH32));
        Keychain legacyOnly = Keychain.fromSeed(REGTEST, SEED, EnumSet.of(AddressType.LEGACY));
        String p2pkh = all.address(new org.nakamoto.wallet.account.KeyPath(AddressType.LEGACY, 0, 0)).text();
        String p2sh = all.address(new org.nakamoto.wallet.account.KeyPath(AddressType.P2SH_SEGWIT, 0, 0)).text();
        String[][] rows = {
            // recipient, change of a full wallet, of a version-2 (no taproot) wallet
            {witness(1, 32), "BECH32M", "BECH32"},
            {witness(0, 20), "BECH32", "BECH32"},
            {p2sh, "P2SH_SEGWIT", "P2SH_SEGWIT"},
            {p2pkh, "LEGACY", "LEGACY"},
            {witness(0, 32), "BECH32M", "BECH32"}, // P2WSH: no such account, so the newest kind
            {witness(2, 16), "BECH32M", "BECH32"},
        };
        for (String[] r : rows) {
            assertEquals(AddressType.valueOf(r[1]), SendCommand.changeType(all, to(r[0])), r[0]);
            assertEquals(AddressType.valueOf(r[2]), SendCommand.changeType(noTaproot, to(r[0])), r[0]);
            assertEquals(AddressType.LEGACY, SendCommand.changeType(legacyOnly, to(r[0])), "a pre-segwit wallet: " + r[0]);
        }
    }
}
