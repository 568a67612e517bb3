package org.nakamoto.chain.script;

import java.util.Arrays;
import org.nakamoto.chain.crypto.EcdsaSignature;

/**
 * The encoding rules CHECKSIG and CHECKMULTISIG apply to their operands before any signature check, each
 * under its flag (Core's {@code CheckSignatureEncoding} and {@code CheckPubKeyEncoding}). They fail the
 * script with their own error instead of letting a malformed operand just fail the check: that is what
 * makes them malleability rules rather than plain invalid signatures. Stateless.
 */
final class SignatureEncoding {
    private static final int DER_FLAGS = ScriptFlag.DERSIG.bit | ScriptFlag.LOW_S.bit | ScriptFlag.STRICTENC.bit;

    private SignatureEncoding() {
    }

    /** Fails the script when {@code sig} (DER followed by the hash-type byte) breaks a rule {@code flags} enable. */
    static void checkSignature(byte[] sig, int flags) {
        // The empty signature is allowed under every flag: it is the compact way to fail a check on purpose.
        if (sig.length == 0) {
            return;
        }
        if ((flags & DER_FLAGS) != 0 && !isStrictDer(sig)) {
            Interpreter.fail(ScriptError.SIG_DER);
        }
        if ((flags & ScriptFlag.LOW_S.bit) != 0 && !isLowS(sig)) {
            Interpreter.fail(ScriptError.SIG_HIGH_S);
        }
        if ((flags & ScriptFlag.STRICTENC.bit) != 0 && !hasDefinedHashType(sig)) {
            Interpreter.fail(ScriptError.SIG_HASHTYPE);
        }
    }

    /**
     * Fails the script when STRICTENC is on and {@code key} is neither a compressed nor an uncompressed key,
     * or when WITNESS_PUBKEYTYPE is on, the script is witness v0 and the key is not compressed.
     */
    static void checkPublicKey(byte[] key, int flags, SigVersion sigVersion) {
        if ((flags & ScriptFlag.STRICTENC.bit) != 0 && !isCompressedOrUncompressed(key)) {
            Interpreter.fail(ScriptError.PUBKEYTYPE);
        }
        if ((flags & ScriptFlag.WITNESS_PUBKEYTYPE.bit) != 0 && sigVersion == SigVersion.WITNESS_V0
                && !isCompressed(key)) {
            Interpreter.fail(ScriptError.WITNESS_PUBKEYTYPE);
        }
    }

    private static boolean isCompressed(byte[] key) {
        return key.length == 33 && (key[0] == 0x02 || key[0] == 0x03);
    }

    /**
     * BIP 66's strict DER, with the hash-type byte at the end: 0x30 len 0x02 lenR R 0x02 lenS S hashtype,
     * lengths consistent with the total, R and S non-empty, non-negative and without a superfluous leading
     * zero byte.
     */
    static boolean isStrictDer(byte[] sig) {
        int n = sig.length;
        // 9 bytes is the shortest (one-byte R and S); 73 the longest (33-byte R and S).
        if (n < 9 || n > 73) {
            return false;
        }
        if ((sig[0] & 0xff) != 0x30 || (sig[1] & 0xff) != n - 3) {
            return false;
        }
        int lenR = sig[3] & 0xff;
        if (5 + lenR >= n) {
            return false;
        }
        int lenS = sig[5 + lenR] & 0xff;
        // The two integers and the hash type account for every byte.
        if (lenR + lenS + 7 != n) {
            return false;
        }
        return sig[2] == 0x02 && isDerInteger(sig, 4, lenR) && sig[4 + lenR] == 0x02 && isDerInteger(sig, 6 + lenR, lenS);
    }

    /** A DER INTEGER body: not empty, not negative, no leading zero unless the next byte needs it. */
    private static boolean isDerInteger(byte[] sig, int start, int len) {
        if (len == 0 || (sig[start] & 0x80) != 0) {
            return false;
        }
        return len == 1 || sig[start] != 0 || (sig[start + 1] & 0x80) != 0;
    }

    /** s at most n/2 (checked after strict DER, so the parse cannot fail). */
    private static boolean isLowS(byte[] sig) {
        return EcdsaSignature.parseLaxDer(Arrays.copyOf(sig, sig.length - 1))
                .map(EcdsaSignature::isLowS)
                .orElse(false);
    }

    /** ALL, NONE or SINGLE, optionally with ANYONECANPAY; no other bits. */
    private static boolean hasDefinedHashType(byte[] sig) {
        int base = sig[sig.length - 1] & 0xff & ~SignatureHash.ANYONECANPAY;
        return base >= SignatureHash.ALL && base <= SignatureHash.SINGLE;
    }

    private static boolean isCompressedOrUncompressed(byte[] key) {
        if (key.length == 33) {
            return key[0] == 0x02 || key[0] == 0x03;
        }
        return key.length == 65 && key[0] == 0x04;
    }
}
