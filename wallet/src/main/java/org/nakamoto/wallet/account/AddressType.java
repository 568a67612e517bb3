package org.nakamoto.wallet.account;

import java.util.Locale;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.Taproot;

/**
 * The kinds of single-key address the wallet hands out, each with its BIP43 purpose (the first level of its
 * account path) and the output script it pays to: BIP44 pay-to-pubkey-hash, BIP49 P2WPKH nested in P2SH,
 * BIP84 native P2WPKH (bech32), BIP86 taproot key-path-only outputs (bech32m; Core's {@code -addresstype}
 * name for them). Keys are always compressed (BIP143 requires it for witness outputs); a taproot output
 * pays the BIP86 tweak of the derived key's x coordinate, so the key's parity byte does not matter.
 *
 * <p>Input sizes are in weight units (BIP141): taproot inputs are 57.5 virtual bytes, which whole vbytes
 * cannot say. Each is the non-witness part (outpoint 36, scriptSig, sequence 4) times 4 plus the witness
 * (item count, then each item with its length): P2PKH 148 bytes with a 72-byte signature; P2SH-P2WPKH
 * 64 bytes and a 108-byte witness; P2WPKH 41 and 108; P2TR key path 41 and 66 (count, length, 64-byte
 * SIGHASH_DEFAULT signature).
 */
public enum AddressType {
    LEGACY("legacy", 44, 148 * 4, 34),
    P2SH_SEGWIT("p2sh-segwit", 49, 64 * 4 + 108, 32),
    BECH32("bech32", 84, 41 * 4 + 108, 31),
    BECH32M("bech32m", 86, 41 * 4 + 66, 43);

    private final String option;
    private final int purpose;
    private final int inputWeight;
    private final int outputSize;

    AddressType(String option, int purpose, int inputWeight, int outputSize) {
        this.option = option;
        this.purpose = purpose;
        this.inputWeight = inputWeight;
        this.outputSize = outputSize;
    }

    /** The name on the command line and in the wallet file: legacy, p2sh-segwit, bech32, bech32m. */
    public String option() {
        return option;
    }

    public int purpose() {
        return purpose;
    }

    /** Weight of an input spending this type (with a 72-byte ECDSA signature), for fee estimates only. */
    public int inputWeight() {
        return inputWeight;
    }

    /** Serialized size of an output paying this type: value 8, script length 1, script. */
    public int outputSize() {
        return outputSize;
    }

    public static AddressType fromOption(String text) {
        for (AddressType t : values()) {
            if (t.option.equals(text.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("address type must be legacy, p2sh-segwit, bech32 or bech32m, not '"
                + text + "'");
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
            case BECH32M -> Script.of(Taproot.scriptPubKey(taprootOutputKey(publicKey)));
        };
    }

    /**
     * BIP86: the output key of a key-path-only taproot output, the internal key (the x coordinate of the
     * derived key) tweaked with the hash of itself alone, no script tree.
     */
    public static byte[] taprootOutputKey(byte[] publicKey) {
        return Taproot.outputKey(xOnly(publicKey), null).xOnly();
    }

    /** The 32-byte x coordinate of a 33-byte compressed key: BIP340's x-only form. */
    public static byte[] xOnly(byte[] compressedKey) {
        if (compressedKey.length != 33) {
            throw new IllegalArgumentException("a compressed key is 33 bytes, got " + compressedKey.length);
        }
        return java.util.Arrays.copyOfRange(compressedKey, 1, 33);
    }

    /**
     * Core's output descriptor (BIP380-386) of the output paying a compressed key in this form, with its
     * checksum: {@code pkh(KEY)}, {@code sh(wpkh(KEY))}, {@code wpkh(KEY)}, or {@code tr(XONLY)} with the
     * BIP86 internal key (the 32-byte x-only form Core prints for it), each key after its origin
     * ({@code [fingerprint/path]}, or empty when unknown) as Core's listunspent shows a wallet's coins.
     */
    public String descriptor(String keyOrigin, byte[] publicKey) {
        String key = keyOrigin + Hex.encode(publicKey);
        String d = switch (this) {
            case LEGACY -> "pkh(" + key + ")";
            case P2SH_SEGWIT -> "sh(wpkh(" + key + "))";
            case BECH32 -> "wpkh(" + key + ")";
            case BECH32M -> "tr(" + keyOrigin + Hex.encode(xOnly(publicKey)) + ")";
        };
        return DescriptorChecksum.append(d);
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
