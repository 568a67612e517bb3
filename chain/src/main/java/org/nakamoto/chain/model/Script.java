package org.nakamoto.chain.model;

import java.util.Arrays;
import org.nakamoto.chain.codec.Hex;

/**
 * A script as bytes. It is not parsed here: scripts are programs, and a malformed one is still valid
 * data until it is executed (see {@code org.nakamoto.chain.script}).
 */
public final class Script {
    public static final Script EMPTY = new Script(new byte[0]);

    private final byte[] program;

    private Script(byte[] program) {
        this.program = program;
    }

    public static Script of(byte[] program) {
        return program.length == 0 ? EMPTY : new Script(program.clone());
    }

    public static Script fromHex(String hex) {
        return of(Hex.decode(hex));
    }

    /** A copy of the program bytes. */
    public byte[] bytes() {
        return program.clone();
    }

    /**
     * The program bytes without copying, for hot paths such as the script interpreter and serializers.
     * Do not modify the returned array: scripts are immutable and shared between threads.
     */
    public byte[] unsafeBytes() {
        return program;
    }

    public int length() {
        return program.length;
    }

    public byte byteAt(int i) {
        return program[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script s && Arrays.equals(program, s.program);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(program);
    }

    @Override
    public String toString() {
        return Hex.encode(program);
    }
}
