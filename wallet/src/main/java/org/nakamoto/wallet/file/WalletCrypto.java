package org.nakamoto.wallet.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.nakamoto.wallet.WalletException;

/**
 * Password-based encryption of the wallet's secrets: scrypt (Bouncy Castle) stretches the password into 64
 * bytes; the first 32 are the AES-256-GCM key, the last 32 give a short key-check value. The check value
 * lets the wallet tell a wrong password from a damaged file (it reveals nothing an attacker could not
 * learn by trying the GCM tag with the same scrypt work). The GCM additional data binds the clear parts of
 * the file that must not be swapped (network, account key, KDF parameters). Stateless.
 */
public final class WalletCrypto {
    public static final int NONCE_BYTES = 12;
    public static final int KEY_CHECK_BYTES = 16;
    private static final int TAG_BITS = 128;

    private WalletCrypto() {
    }

    /** A sealed secret: the GCM nonce, the ciphertext with its tag, and the key-check value. */
    public record Sealed(byte[] nonce, byte[] ciphertext, byte[] keyCheck) {
        public Sealed {
            nonce = nonce.clone();
            ciphertext = ciphertext.clone();
            keyCheck = keyCheck.clone();
        }
    }

    public static Sealed seal(byte[] plaintext, char[] password, KdfParams kdf, byte[] aad, SecureRandom random) {
        byte[] derived = derive(password, kdf);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, derived, nonce, aad);
            return new Sealed(nonce, cipher.doFinal(plaintext), keyCheck(derived));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * @throws WrongPasswordException if the password's key-check value differs
     * @throws WalletException if the password is right but the ciphertext, nonce or bound data fail GCM
     *     authentication: the file was damaged or edited
     */
    public static byte[] open(Sealed sealed, char[] password, KdfParams kdf, byte[] aad) {
        byte[] derived = derive(password, kdf);
        try {
            if (!MessageDigest.isEqual(keyCheck(derived), sealed.keyCheck())) {
                throw new WrongPasswordException();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, derived, sealed.nonce(), aad);
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new WalletException("wallet file is corrupt: its encrypted data failed authentication"
                    + " (the password is right, but the file was damaged or edited)");
        } catch (GeneralSecurityException e) {
            throw new WalletException("wallet file is corrupt: cannot decrypt (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] derive(char[] password, KdfParams kdf) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return SCrypt.generate(bytes, kdf.salt(), kdf.n(), kdf.r(), kdf.p(), 64);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static Cipher cipher(int mode, byte[] derived, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new WalletException("wallet file is corrupt: GCM nonce must be " + NONCE_BYTES + " bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derived, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static byte[] keyCheck(byte[] derived) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("nakamoto-wallet key check".getBytes(StandardCharsets.US_ASCII));
            sha.update(derived, 32, 32);
            return Arrays.copyOf(sha.digest(), KEY_CHECK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
