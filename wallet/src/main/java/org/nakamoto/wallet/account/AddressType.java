package org.nakamoto.wallet.account;

import java.util.Locale;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;

/**
 * The kinds of single-key address the wallet hands out, each with its BIP43 purpose (the first level of its
 * account path) and the output script it pays to: BIP44 pay-to-pubkey-hash, BIP49 P2WPKH nested in P2SH,
 * BIP84 native P2WPKH (bech32). Keys are always compressed (BIP143 requires it for witness outputs).
 */
public enum AddressType {
    LEGACY("legacy", 44, 148, 34),
    P2SH_SEGWIT("p2sh-segwit", 49, 91, 32),
    BECH32("bech32", 84, 68, 31);

    private final String option;
    private final int purpose;
    private final int inputVsize;
    private final int outputSize;

    AddressType(String option, int purpose, int inputVsize, int outputSize) {
        this.option = option;
        this.purpose = purpose;
        this.inputVsize = inputVsize;
        this.outputSize = outputSize;
    }

    /** The name on the command line and in the wallet file: legacy, p2sh-segwit, bech32. */
    public String option() {
        return option;
    }

    public int purpose() {
        return purpose;
    }

    /** Virtual size of a spending input with a 72-byte signature, for fee estimates only. */
    public int inputVsize() {
        return inputVsize;
    }

    public int outputSize() {
        return outputSize;
    }

    public static AddressType fromOption(String text) {
        for (AddressType t : values()) {
            if (t.option.equals(text.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("address type must be legacy, p2sh-segwit or bech32, not '" + text + "'");
    }

    /** The witness program's redeem script of P2SH-P2WPKH (BIP49): OP_0 &lt;hash160(key)&gt;. */
    public static Script p2wpkhProgram(byte[] publicKey) {
        return SegwitAddress.p2wpkh("x", Hashes.hash160(publicKey)).scriptPubKey();
    }

    /** The output script paying a compressed public key in this form. */
    public Script scriptPubKey(byte[] publicKey, NetworkParams params) {
        return switch (this) {
            case LEGACY -> Address.fromPublicKey(params.pubKeyHashVersion(), publicKey).scriptPubKey();
            case P2SH_SEGWIT -> p2sh(Hashes.hash160(p2wpkhProgram(publicKey).unsafeBytes()));
            case BECH32 -> p2wpkhProgram(publicKey);
        };
    }

    /** The address text of a compressed public key in this form. */
    public String address(byte[] publicKey, NetworkParams params) {
        return Addresses.of(scriptPubKey(publicKey, params), params).orElseThrow();
    }

    private static Script p2sh(byte[] hash) {
        byte[] s = new byte[23];
        s[0] = (byte) 0xa9;
        s[1] = 20;
        System.arraycopy(hash, 0, s, 2, 20);
        s[22] = (byte) 0x87;
        return Script.of(s);
    }

    @Override
    public String toString() {
        return option;
    }
}
