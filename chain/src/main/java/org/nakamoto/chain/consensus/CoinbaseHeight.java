package org.nakamoto.chain.consensus;

import org.nakamoto.chain.codec.ByteWriter;

/**
 * BIP34: from {@code bip34Height} on, a coinbase's script starts with the block height pushed exactly as
 * Bitcoin Core's {@code CScript() << height} writes it (OP_0, OP_1..OP_16, or a minimal little-endian
 * number push). Miner and validator both use this one encoding.
 */
public final class CoinbaseHeight {
    private CoinbaseHeight() {
    }

    public static byte[] encode(int height) {
        if (height < 0) {
            throw new IllegalArgumentException("negative height");
        }
        if (height == 0) {
            return new byte[] {0x00};
        }
        if (height <= 16) {
            return new byte[] {(byte) (0x50 + height)};
        }
        ByteWriter num = new ByteWriter(5);
        long v = height;
        while (v > 0) {
            num.writeUint8((int) (v & 0xff));
            v >>= 8;
        }
        byte[] digits = num.toByteArray();
        boolean needsSignByte = (digits[digits.length - 1] & 0x80) != 0;
        byte[] out = new byte[1 + digits.length + (needsSignByte ? 1 : 0)];
        out[0] = (byte) (digits.length + (needsSignByte ? 1 : 0));
        System.arraycopy(digits, 0, out, 1, digits.length);
        return out;
    }

    public static boolean matches(byte[] coinbaseScriptSig, int height) {
        byte[] expected = encode(height);
        if (coinbaseScriptSig.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (coinbaseScriptSig[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
