package org.nakamoto.wallet.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.keys.Mnemonic;

/**
 * What the password protects: the mnemonic's entropy (from which the words and the seed follow) and the
 * optional BIP39 passphrase. {@link #toString()} never shows either.
 */
public final class WalletSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mnemonic mnemonic;
    private final String passphrase;

    public WalletSecrets(Mnemonic mnemonic, String passphrase) {
        this.mnemonic = mnemonic;
        this.passphrase = passphrase == null ? "" : passphrase;
    }

    public Mnemonic mnemonic() {
        return mnemonic;
    }

    public String passphrase() {
        return passphrase;
    }

    /** The 64-byte BIP39 seed. */
    public byte[] seed() {
        return mnemonic.toSeed(passphrase);
    }

    byte[] toPlaintext() {
        ObjectNode o = JSON.createObjectNode()
                .put("entropy", Hex.encode(mnemonic.entropy()))
                .put("passphrase", passphrase);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    static WalletSecrets fromPlaintext(byte[] plaintext) {
        try {
            JsonNode o = JSON.readTree(plaintext);
            return new WalletSecrets(Mnemonic.fromEntropy(Hex.decode(o.required("entropy").asText())),
                    o.path("passphrase").asText(""));
        } catch (IOException | IllegalArgumentException | ParseException e) {
            // Only reachable if the file was built wrong: GCM already proved these bytes are what was sealed.
            throw new WalletException("wallet file is corrupt: decrypted secrets are malformed");
        }
    }

    @Override
    public String toString() {
        return "WalletSecrets[" + mnemonic + (passphrase.isEmpty() ? "" : ", with passphrase") + "]";
    }
}
