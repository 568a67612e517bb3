package org.nakamoto.wallet.keys;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC-SHA512, the one primitive BIP32 builds master keys and child keys from. */
final class HmacSha512 {
    static final int LENGTH = 64;

    private HmacSha512() {
    }

    static byte[] mac(byte[] key, byte[] data) {
        HMac hmac = new HMac(new SHA512Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        byte[] out = new byte[LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }
}
