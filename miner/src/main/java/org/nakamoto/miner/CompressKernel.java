package org.nakamoto.miner;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast kernel: exactly two compressions per nonce through {@link JdkSha256Compression}, with the padding of
 * both messages precomputed, no allocation and no {@code MessageDigest} bookkeeping. Needs the JVM flag named
 * there; {@link NonceKernels#best()} falls back to {@link CloneMidstateKernel} without it.
 */
final class CompressKernel implements NonceKernel {
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final JdkSha256Compression sha = new JdkSha256Compression();
    private final int[] midstate = new int[8];
    /** Header bytes 64..79, then SHA-256 padding for an 80-byte message; the nonce is bytes 12..15. */
    private final byte[] tailBlock = new byte[64];
    /** The first hash, then SHA-256 padding for a 32-byte message. */
    private final byte[] secondBlock = new byte[64];

    CompressKernel() {
        tailBlock[16] = (byte) 0x80;
        tailBlock[62] = (byte) 0x02; // 640 bits = 0x0280
        tailBlock[63] = (byte) 0x80;
        secondBlock[32] = (byte) 0x80;
        secondBlock[62] = (byte) 0x01; // 256 bits = 0x0100
    }

    @Override
    public void load(byte[] header) {
        NonceKernel.checkHeader(header);
        int[] state = sha.state();
        System.arraycopy(JdkSha256Compression.INITIAL_STATE, 0, state, 0, 8);
        sha.compress(header, 0);
        System.arraycopy(state, 0, midstate, 0, 8);
        System.arraycopy(header, 64, tailBlock, 0, 12);
    }

    @Override
    public long search(long from, long to, Target target) {
        NonceKernel.checkRange(from, to);
        int[] state = sha.state();
        int top = target.topWord();
        for (long nonce = from; nonce < to; nonce++) {
            LE_INT.set(tailBlock, 12, (int) nonce);
            System.arraycopy(midstate, 0, state, 0, 8);
            sha.compress(tailBlock, 0);
            for (int i = 0; i < 8; i++) {
                BE_INT.set(secondBlock, 4 * i, state[i]);
            }
            System.arraycopy(JdkSha256Compression.INITIAL_STATE, 0, state, 0, 8);
            sha.compress(secondBlock, 0);
            // Early reject on the hash's top 32 bits (digest word 7, bytes reversed) before the full compare.
            if (Integer.compareUnsigned(Integer.reverseBytes(state[7]), top) <= 0 && target.isMetBy(state)) {
                return nonce;
            }
        }
        return NOT_FOUND;
    }

    @Override
    public String name() {
        return "jdk-compress";
    }
}
