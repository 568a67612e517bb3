package org.nakamoto.wallet.keys;

/**
 * The 4-byte version prefixes of serialized extended keys on one network; they make the Base58 form start
 * with "xprv"/"xpub" (mainnet) or "tprv"/"tpub" (testnet) and keep keys of one network out of another.
 */
public record Bip32Versions(int privateVersion, int publicVersion) {
    public static final Bip32Versions MAINNET = new Bip32Versions(0x0488ADE4, 0x0488B21E);
    public static final Bip32Versions TESTNET = new Bip32Versions(0x04358394, 0x043587CF);

    public Bip32Versions {
        if (privateVersion == publicVersion) {
            throw new IllegalArgumentException("private and public versions must differ");
        }
    }
}
