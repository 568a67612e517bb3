package org.nakamoto.wallet.file;

import java.security.SecureRandom;
import org.nakamoto.wallet.WalletException;

/**
 * scrypt cost parameters and salt, stored in the wallet file so that a later version can raise the cost
 * without losing old wallets. Values read from a file are bounded: a tampered file must not make the
 * wallet allocate gigabytes before it can say the file is bad.
 *
 * @param n    CPU/memory cost, a power of two (memory is 128 * n * r bytes: 32 MiB at 2^15, r = 8)
 * @param r    block size
 * @param p    parallelism
 * @param salt 16 or more random bytes
 */
public record KdfParams(int n, int r, int p, byte[] salt) {
    public static final int DEFAULT_N = 1 << 15;
    public static final int DEFAULT_R = 8;
    public static final int DEFAULT_P = 1;
    public static final int SALT_BYTES = 16;
    private static final int MAX_N = 1 << 20;
    private static final int MIN_N = 1 << 10;

    public KdfParams {
        salt = salt.clone();
        if (n < MIN_N || n > MAX_N || Integer.bitCount(n) != 1) {
            throw new WalletException("scrypt N must be a power of two between 2^10 and 2^20, got " + n);
        }
        if (r < 1 || r > 32 || p < 1 || p > 16) {
            throw new WalletException("scrypt r must be 1..32 and p 1..16, got r=" + r + " p=" + p);
        }
        if (salt.length < SALT_BYTES) {
            throw new WalletException("scrypt salt must be at least " + SALT_BYTES + " bytes, got " + salt.length);
        }
    }

    /** The default cost with a fresh salt. */
    public static KdfParams fresh(SecureRandom random) {
        return withCost(DEFAULT_N, random);
    }

    /** A fresh salt at a chosen N; tests use a low N to stay fast, the CLI always uses the default. */
    public static KdfParams withCost(int n, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new KdfParams(n, DEFAULT_R, DEFAULT_P, salt);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }
}
