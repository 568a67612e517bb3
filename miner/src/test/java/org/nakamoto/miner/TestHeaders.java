package org.nakamoto.miner;

import java.math.BigInteger;
import java.util.Random;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

/** Headers and the straightforward reference search the kernels are checked against. */
final class TestHeaders {
    static final long GENESIS_NONCE = 2083236893L;
    static final String GENESIS_HASH = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    /** Bits 0x1d00ffff decoded: 0x00ffff * 256^(0x1d - 3). */
    static final BigInteger GENESIS_TARGET = BigInteger.valueOf(0xffff).shiftLeft(8 * (0x1d - 3));

    private TestHeaders() {
    }

    /** Bitcoin mainnet's genesis header, serialized. */
    static byte[] genesis() {
        return new BlockHeader(1, Hash256.ZERO,
                Hash256.fromHex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"),
                1231006505L, 0x1d00ffffL, GENESIS_NONCE).serialize();
    }

    static byte[] random(Random rnd) {
        byte[] h = new byte[80];
        rnd.nextBytes(h);
        return h;
    }

    static byte[] withNonce(byte[] header, long nonce) {
        byte[] h = header.clone();
        DigestWords.putNonce(h, NonceKernel.NONCE_OFFSET, nonce);
        return h;
    }

    /** The header's hash as Bitcoin's little-endian number, via the chain's own hashing. */
    static BigInteger hashValue(byte[] header, long nonce) {
        byte[] be = Hashes.sha256d(withNonce(header, nonce));
        for (int i = 0, j = be.length - 1; i < j; i++, j--) {
            byte t = be[i];
            be[i] = be[j];
            be[j] = t;
        }
        return new BigInteger(1, be);
    }

    /** The reference search: first nonce in [from, to) with hash <= target, or -1. */
    static long referenceSearch(byte[] header, long from, long to, BigInteger target) {
        for (long n = from; n < to; n++) {
            if (hashValue(header, n).compareTo(target) <= 0) {
                return n;
            }
        }
        return -1;
    }
}
