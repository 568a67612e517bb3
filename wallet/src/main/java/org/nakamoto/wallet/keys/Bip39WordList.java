package org.nakamoto.wallet.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The BIP39 English word list: 2048 words, each standing for 11 bits. It is sorted, so a word's index is
 * found by binary search. Loaded once from the classpath and checked, because a damaged list would silently
 * turn every mnemonic into a different wallet.
 */
public final class Bip39WordList {
    public static final int SIZE = 2048;
    private static final String RESOURCE = "/bip39-english.txt";
    private static final Bip39WordList ENGLISH = load(RESOURCE);

    private final String[] words;

    private Bip39WordList(String[] words) {
        this.words = words;
    }

    public static Bip39WordList english() {
        return ENGLISH;
    }

    /** The word for an 11-bit value. */
    public String word(int index) {
        return words[index];
    }

    /** The 11-bit value of a word, or -1 if the word is not in the list. */
    public int indexOf(String word) {
        int i = Arrays.binarySearch(words, word);
        return i >= 0 ? i : -1;
    }

    public List<String> words() {
        return List.of(words);
    }

    private static Bip39WordList load(String resource) {
        try (InputStream in = Bip39WordList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BIP39 word list " + resource + " is missing from the classpath");
            }
            List<String> list = new ArrayList<>(SIZE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    list.add(line.strip());
                }
            }
            String[] words = list.toArray(new String[0]);
            if (words.length != SIZE) {
                throw new IllegalStateException("BIP39 word list has " + words.length + " words, expected " + SIZE);
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i - 1].compareTo(words[i]) >= 0) {
                    throw new IllegalStateException("BIP39 word list is not sorted and unique at line " + (i + 1));
                }
            }
            return new Bip39WordList(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BIP39 word list " + resource, e);
        }
    }
}
