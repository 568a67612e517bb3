package org.nakamoto.miner;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Direct access to the SHA-256 compression function of the JDK's own provider ({@code sun.security.provider.SHA2}),
 * one 64-byte block at a time on a chaining state we set ourselves.
 *
 * <p>Why: HotSpot replaces that method, and only that one, with its hand-written SHA-256 stub (SHA-NI or AVX2).
 * The public {@code MessageDigest} API cannot restore a midstate without {@code clone()} (several allocations per
 * nonce) and adds padding and buffering work around each block. Calling the compression directly makes a nonce
 * exactly two intrinsic compressions, with no allocation; {@link MinerBench} measures the difference.
 *
 * <p>It needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}. Without the flag, or on a JDK whose
 * internals differ (checked against a known answer at class load), {@link #isAvailable()} is false and callers fall
 * back to the public API. Tested on OpenJDK 17.
 */
final class JdkSha256Compression {
    static final String REQUIRED_FLAG = "--add-opens java.base/sun.security.provider=ALL-UNNAMED";

    static final int[] INITIAL_STATE = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    /** () -> the provider's SHA-256 object, typed Object because its class is not accessible here. */
    private static final MethodHandle CONSTRUCT;
    /** (digest, block, offset) -> void: one compression into the digest's state. */
    private static final MethodHandle COMPRESS;
    /** (digest) -> its int[8] chaining state, which the compression updates in place. */
    private static final MethodHandle STATE;
    /** Why the fast path is off, or null when it is on. */
    private static final String UNAVAILABLE_REASON;

    static {
        MethodHandle construct = null;
        MethodHandle compress = null;
        MethodHandle state = null;
        String reason;
        try {
            Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
            Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
            Constructor<?> ctor = sha256.getDeclaredConstructor();
            Method implCompress = sha2.getDeclaredMethod("implCompress", byte[].class, int.class);
            Field stateField = sha2.getDeclaredField("state");
            ctor.setAccessible(true);
            implCompress.setAccessible(true);
            stateField.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            construct = lookup.unreflectConstructor(ctor).asType(MethodType.methodType(Object.class));
            compress = lookup.unreflect(implCompress)
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
            state = lookup.unreflectGetter(stateField).asType(MethodType.methodType(int[].class, Object.class));
            reason = knownAnswerFailure(construct, compress, state);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException (a RuntimeException) when the package is not opened.
            reason = e.toString();
        }
        boolean ok = reason == null;
        CONSTRUCT = ok ? construct : null;
        COMPRESS = ok ? compress : null;
        STATE = ok ? state : null;
        UNAVAILABLE_REASON = reason;
    }

    private final Object digest;
    private final int[] state;

    /** @throws IllegalStateException when {@link #isAvailable()} is false */
    JdkSha256Compression() {
        if (!isAvailable()) {
            throw new IllegalStateException("JDK SHA-256 compression not accessible: " + UNAVAILABLE_REASON);
        }
        try {
            digest = CONSTRUCT.invokeExact();
            state = (int[]) STATE.invokeExact(digest);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Null when available; otherwise why not, for logs. */
    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** The live chaining state (eight big-endian words): set it before {@link #compress}, read it after. */
    int[] state() {
        return state;
    }

    /** Compresses block[offset, offset + 64) into {@link #state()}. */
    void compress(byte[] block, int offset) {
        try {
            COMPRESS.invokeExact(digest, block, offset);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Null if one compression of the padded message "abc" gives FIPS 180-2's SHA-256("abc"), else the mismatch. */
    private static String knownAnswerFailure(MethodHandle construct, MethodHandle compress, MethodHandle stateOf) {
        int[] expected = {
            0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
        };
        byte[] block = new byte[64];
        block[0] = 'a';
        block[1] = 'b';
        block[2] = 'c';
        block[3] = (byte) 0x80;
        block[63] = 24; // message length in bits
        try {
            Object digest = construct.invokeExact();
            int[] state = (int[]) stateOf.invokeExact(digest);
            System.arraycopy(INITIAL_STATE, 0, state, 0, 8);
            compress.invokeExact(digest, block, 0);
            return Arrays.equals(state, expected) ? null : "known-answer test failed: " + Arrays.toString(state);
        } catch (Throwable t) {
            return "known-answer test threw " + t;
        }
    }
}
