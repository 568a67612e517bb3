package org.nakamoto.wallet.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.crypto.Hashes;

/**
 * A BIP39 mnemonic: 128 to 256 bits of entropy plus a checksum of ENT/32 bits (the first bits of its
 * SHA-256), written as one English word per 11 bits. A valid instance always has a correct checksum, so a
 * wallet restored from it is the wallet that was backed up, not a neighbour of it.
 */
public final class Mnemonic {
    public static final int MIN_ENTROPY_BITS = 128;
    public static final int MAX_ENTROPY_BITS = 256;
    private static final int PBKDF2_ITERATIONS = 2048;
    private static final int SEED_BITS = 512;

    private final List<String> words;
    private final byte[] entropy;

    private Mnemonic(List<String> words, byte[] entropy) {
        this.words = words;
        this.entropy = entropy;
    }

    /** Fresh entropy of {@code entropyBits} (128, 160, 192, 224 or 256) from a secure random source. */
    public static Mnemonic generate(int entropyBits, SecureRandom random) {
        checkEntropyBits(entropyBits);
        byte[] entropy = new byte[entropyBits / 8];
        random.nextBytes(entropy);
        return fromEntropy(entropy);
    }

    /** The mnemonic of 16, 20, 24, 28 or 32 bytes of entropy. */
    public static Mnemonic fromEntropy(byte[] entropy) {
        int entropyBits = entropy.length * 8;
        checkEntropyBits(entropyBits);
        int checksumBits = entropyBits / 32;
        byte[] checksum = Hashes.sha256(entropy);
        int wordCount = (entropyBits + checksumBits) / 11;
        Bip39WordList list = Bip39WordList.english();
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int bit = w * 11; bit < w * 11 + 11; bit++) {
                // Bits past the entropy come from the checksum, which is never more than 8 bits long here.
                int b = bit < entropyBits ? bitAt(entropy, bit) : bitAt(checksum, bit - entropyBits);
                index = index << 1 | b;
            }
            words.add(list.word(index));
        }
        return new Mnemonic(List.copyOf(words), entropy.clone());
    }

    /**
     * Parses a space-separated sentence (any whitespace, NFKD-normalised first as BIP39 requires).
     *
     * @throws ParseException on a word count other than 12, 15, 18, 21 or 24, a word not in the list
     *     (naming it and its position), or a checksum that does not match
     */
    public static Mnemonic parse(String sentence) {
        String normalized = Normalizer.normalize(sentence, Normalizer.Form.NFKD).strip();
        String[] given = normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
        int count = given.length;
        if (count < 12 || count > 24 || count % 3 != 0) {
            throw new ParseException("a mnemonic has 12, 15, 18, 21 or 24 words, got " + count);
        }
        Bip39WordList list = Bip39WordList.english();
        int totalBits = count * 11;
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        byte[] bits = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < count; w++) {
            int index = list.indexOf(given[w]);
            if (index < 0) {
                throw new ParseException("word " + (w + 1) + " \"" + given[w] + "\" is not in the BIP39 English word list");
            }
            for (int i = 0; i < 11; i++) {
                if ((index >> (10 - i) & 1) != 0) {
                    int bit = w * 11 + i;
                    bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(bits, entropyBits / 8);
        byte[] expected = Hashes.sha256(entropy);
        for (int i = 0; i < checksumBits; i++) {
            if (bitAt(bits, entropyBits + i) != bitAt(expected, i)) {
                throw new ParseException("mnemonic checksum does not match: a word is wrong or the words are out of order");
            }
        }
        return new Mnemonic(List.of(given), entropy);
    }

    /**
     * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512 over the sentence, salted with "mnemonic" + passphrase, both
     * NFKD-normalised so that the same passphrase typed on different systems gives the same wallet. An empty
     * or null passphrase is the standard "no passphrase".
     */
    public byte[] toSeed(String passphrase) {
        String salt = "mnemonic" + Normalizer.normalize(passphrase == null ? "" : passphrase, Normalizer.Form.NFKD);
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
        pbkdf2.init(sentence().getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), PBKDF2_ITERATIONS);
        return ((KeyParameter) pbkdf2.generateDerivedMacParameters(SEED_BITS)).getKey();
    }

    /** The words, single-space separated: the form BIP39 hashes and the form to write down. */
    public String sentence() {
        return String.join(" ", words);
    }

    public List<String> words() {
        return words;
    }

    /** A copy of the entropy. */
    public byte[] entropy() {
        return entropy.clone();
    }

    private static void checkEntropyBits(int bits) {
        if (bits < MIN_ENTROPY_BITS || bits > MAX_ENTROPY_BITS || bits % 32 != 0) {
            throw new IllegalArgumentException("BIP39 entropy is 128, 160, 192, 224 or 256 bits, got " + bits);
        }
    }

    private static int bitAt(byte[] bytes, int bit) {
        return bytes[bit / 8] >> (7 - bit % 8) & 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic m && words.equals(m.words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    /** The word count only: the words are the wallet's secret and must not reach logs by accident. */
    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }
}
