package org.nakamoto.chain.model;

import java.util.Arrays;
import java.util.Optional;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.codec.ParseException;

/**
 * A segregated-witness address (BIP173, BIP350): a network's human-readable part, a witness version 0..16
 * and a 2..40-byte witness program. Version 0 programs are 20 bytes (P2WPKH) or 32 bytes (P2WSH) and are
 * written in bech32; versions 1..16 are written in bech32m (BIP350 replaced BIP173's checksum for them, so
 * a version 1+ string with a bech32 checksum is refused, as Core refuses it). Parsing always takes the
 * human-readable part the caller's network expects, as {@link Address} takes its version byte.
 */
public final class SegwitAddress {
    public static final int P2WPKH_LENGTH = 20;
    public static final int P2WSH_LENGTH = 32;
    private static final int OP_0 = 0x00;
    private static final int OP_1 = 0x51;

    private final String hrp;
    private final int version;
    private final byte[] program;

    private SegwitAddress(String hrp, int version, byte[] program) {
        this.hrp = hrp;
        this.version = version;
        this.program = program;
    }

    /** The address of a witness program under a network's human-readable part. */
    public static SegwitAddress of(String hrp, int version, byte[] program) {
        String why = programError(version, program.length);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new SegwitAddress(hrp, version, program.clone());
    }

    /** P2WPKH: version 0 and the 20-byte hash160 of a compressed public key. */
    public static SegwitAddress p2wpkh(String hrp, byte[] hash160) {
        if (hash160.length != P2WPKH_LENGTH) {
            throw new IllegalArgumentException("P2WPKH program must be 20 bytes, got " + hash160.length);
        }
        return of(hrp, 0, hash160);
    }

    /**
     * Parses a bech32 or bech32m address, checking in Core's order (DecodeDestination) and refusing with
     * Core's error strings, so that validateaddress can pass them on.
     *
     * @throws ParseException on a bad string or checksum, an empty data section, another network's
     *     human-readable part, the wrong checksum variant for its version, bad padding, or a witness version
     *     or program length that BIP141 does not allow
     */
    public static SegwitAddress parse(String text, String expectedHrp) {
        Bech32.Decoded d = Bech32.decode(text);
        byte[] data = d.data();
        if (data.length == 0) {
            throw new ParseException("Empty Bech32 data section");
        }
        if (!d.hrp().equals(expectedHrp)) {
            throw new ParseException("Invalid or unsupported prefix for Segwit (Bech32) address (expected " + expectedHrp
                    + ", got " + d.hrp() + ")");
        }
        int version = data[0];
        if (d.encoding() != encodingFor(version)) {
            throw new ParseException(version == 0 ? "Version 0 witness address must use Bech32 checksum"
                    : "Version 1+ witness address must use Bech32m checksum");
        }
        byte[] program;
        try {
            program = Bech32.convertBits(Arrays.copyOfRange(data, 1, data.length), 5, 8, false);
        } catch (ParseException e) {
            throw new ParseException("Invalid padding in Bech32 data section", e);
        }
        String size = program.length + (program.length == 1 ? " byte" : " bytes");
        if (version == 0 && program.length != P2WPKH_LENGTH && program.length != P2WSH_LENGTH) {
            throw new ParseException("Invalid Bech32 v0 address program size (" + size + "), per BIP141");
        }
        if (version > 16) {
            throw new ParseException("Invalid Bech32 address witness version");
        }
        if (program.length < 2 || program.length > 40) {
            throw new ParseException("Invalid Bech32 address program size (" + size + ")");
        }
        return new SegwitAddress(d.hrp(), version, program);
    }

    /** Whether a script is a witness program: OP_0..OP_16 then one direct push of 2..40 bytes (BIP141). */
    public static boolean isWitnessProgram(Script script) {
        byte[] s = script.unsafeBytes();
        if (s.length < 4 || s.length > 42) {
            return false;
        }
        int op = s[0] & 0xff;
        return (op == OP_0 || op >= OP_1 && op <= OP_1 + 15) && (s[1] & 0xff) + 2 == s.length;
    }

    /** The address of a witness-program output script, or empty for any other script (or a length BIP173 cannot write). */
    public static Optional<SegwitAddress> fromScriptPubKey(Script script, String hrp) {
        if (!isWitnessProgram(script)) {
            return Optional.empty();
        }
        byte[] s = script.unsafeBytes();
        int op = s[0] & 0xff;
        int version = op == OP_0 ? 0 : op - OP_1 + 1;
        byte[] program = Arrays.copyOfRange(s, 2, s.length);
        return programError(version, program.length) == null
                ? Optional.of(new SegwitAddress(hrp, version, program)) : Optional.empty();
    }

    /** OP_n &lt;program&gt;: the output script paying this address. */
    public Script scriptPubKey() {
        byte[] s = new byte[2 + program.length];
        s[0] = (byte) (version == 0 ? OP_0 : OP_1 + version - 1);
        s[1] = (byte) program.length;
        System.arraycopy(program, 0, s, 2, program.length);
        return Script.of(s);
    }

    public String hrp() {
        return hrp;
    }

    public int witnessVersion() {
        return version;
    }

    /** A copy of the witness program. */
    public byte[] program() {
        return program.clone();
    }

    /** Bech32 for version 0, bech32m for the rest (BIP350): adding a variant is adding its constant. */
    static Bech32.Encoding encodingFor(int version) {
        return version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M;
    }

    private static String programError(int version, int length) {
        if (version < 0 || version > 16) {
            return "invalid witness version " + version;
        }
        if (length < 2 || length > 40) {
            return "invalid witness program length " + length;
        }
        if (version == 0 && length != P2WPKH_LENGTH && length != P2WSH_LENGTH) {
            return "invalid witness program length " + length + " for witness version 0 (BIP141: 20 or 32)";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegwitAddress a && version == a.version && hrp.equals(a.hrp) && Arrays.equals(program, a.program);
    }

    @Override
    public int hashCode() {
        return (31 * hrp.hashCode() + version) * 31 + Arrays.hashCode(program);
    }

    /** The bech32 (version 0) or bech32m form, lower case. */
    @Override
    public String toString() {
        byte[] five = Bech32.convertBits(program, 8, 5, true);
        byte[] data = new byte[1 + five.length];
        data[0] = (byte) version;
        System.arraycopy(five, 0, data, 1, five.length);
        return Bech32.encode(hrp, data, encodingFor(version));
    }
}
