package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.codec.Bech32Errors;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;

/**
 * BIP350's test vectors (resource bitcoin/bips/bip-0350-vectors.json) through all three layers: the bech32m
 * strings through {@link Bech32} and {@link Bech32Errors}, the segwit addresses through {@link SegwitAddress}
 * and {@link Addresses}. Every refusal must give the reason the BIP gives, in Core's words.
 */
class Bip350VectorTest {
    /** The BIP's reason for an invalid bech32m string, and what Core's error locator says for it. */
    private static final Map<String, String> STRING_REASONS = Map.of(
            "HRP character out of range", "Invalid character or mixed case",
            "overall max length exceeded", "Bech32 string too long",
            "No separator character", "Missing separator",
            "Empty HRP", "Invalid separator position",
            "empty HRP", "Invalid separator position",
            "Invalid data character", "Invalid Base 32 character",
            "Too short checksum", "Invalid separator position",
            "Invalid character in checksum", "Invalid Base 32 character",
            "checksum calculated with uppercase form of HRP", "Invalid checksum");

    /** The BIP's reason for an invalid address, and the start of Core's validateaddress error for it. */
    private static final Map<String, String> ADDRESS_REASONS = Map.ofEntries(
            Map.entry("Invalid human-readable part", "Invalid or unsupported prefix for Segwit (Bech32) address"),
            Map.entry("Invalid checksum (Bech32 instead of Bech32m)", "Version 1+ witness address must use Bech32m checksum"),
            Map.entry("Invalid checksum (Bech32m instead of Bech32)", "Version 0 witness address must use Bech32 checksum"),
            Map.entry("Invalid character in checksum", "Bech32(m) address decoded with error: Invalid Base 32 character"),
            Map.entry("Invalid witness version", "Invalid Bech32 address witness version"),
            Map.entry("Invalid program length (1 byte)", "Invalid Bech32 address program size (1 byte)"),
            Map.entry("Invalid program length (41 bytes)", "Invalid Bech32 address program size (41 bytes)"),
            Map.entry("Invalid program length for witness version 0 (per BIP141)", "Invalid Bech32 v0 address program size (16 bytes), per BIP141"),
            Map.entry("Mixed case", "Bech32(m) address decoded with error: Invalid character or mixed case"),
            Map.entry("zero padding of more than 4 bits", "Invalid padding in Bech32 data section"),
            Map.entry("Non-zero padding in 8-to-5 conversion", "Invalid padding in Bech32 data section"),
            Map.entry("Empty data section", "Empty Bech32 data section"));

    private static final NetworkParams MAIN = ParamsLoader.builtIn("mainnet");
    private static final NetworkParams TEST = ParamsLoader.builtIn("regtest").toBuilder().name("test").bech32Hrp("tb").build();

    static JsonNode vectors() throws IOException {
        try (InputStream in = Bip350VectorTest.class.getResourceAsStream("/bitcoin/bips/bip-0350-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void validBech32mStringsDecodeAndReencodeLowerCase() throws IOException {
        int n = 0;
        for (JsonNode v : vectors().get("valid_bech32m")) {
            String s = v.asText();
            Bech32.Decoded d = Bech32.decode(s);
            assertEquals(Bech32.Encoding.BECH32M, d.encoding(), s);
            assertEquals(s.toLowerCase(Locale.ROOT), Bech32.encode(d.hrp(), d.data(), Bech32.Encoding.BECH32M));
            assertEquals(new Bech32Errors.Report("", List.of()), Bech32Errors.locate(s), s);
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void invalidBech32mStringsAreRefusedForTheBipsReason() throws IOException {
        int n = 0;
        for (JsonNode v : vectors().get("invalid_bech32m")) {
            String s = v.get(0).asText();
            String reason = v.get(1).asText();
            assertThrows(ParseException.class, () -> Bech32.decode(s), reason + ": " + s);
            String expected = STRING_REASONS.get(reason);
            assertEquals(expected, Bech32Errors.locate(s).message(), reason + ": " + s);
            n++;
        }
        assertEquals(14, n);
    }

    @Test
    void validAddressesDecodeToTheBipsScriptAndReencodeLowerCase() throws IOException {
        int n = 0;
        int v1plus = 0;
        for (JsonNode row : vectors().get("valid_addresses")) {
            String text = row.get(0).asText();
            String spk = row.get(1).asText();
            NetworkParams p = text.toLowerCase(Locale.ROOT).startsWith("bc1") ? MAIN : TEST;
            SegwitAddress a = SegwitAddress.parse(text, p.bech32Hrp());
            assertEquals(spk, Hex.encode(a.scriptPubKey().unsafeBytes()), text);
            assertEquals(text.toLowerCase(Locale.ROOT), a.toString(), text);
            assertEquals(a, SegwitAddress.fromScriptPubKey(Script.fromHex(spk), p.bech32Hrp()).orElseThrow(), text);

            Addresses.Destination d = Addresses.parse(text, p);
            assertEquals(spk, Hex.encode(d.scriptPubKey().unsafeBytes()), text);
            assertEquals(text.toLowerCase(Locale.ROOT), Addresses.of(d.scriptPubKey(), p).orElseThrow(), text);
            NetworkParams other = p == MAIN ? TEST : MAIN;
            assertThrows(ParseException.class, () -> Addresses.parse(text, other), text + " on the other network");
            v1plus += a.witnessVersion() > 0 ? 1 : 0;
            n++;
        }
        assertEquals(8, n);
        assertEquals(5, v1plus, "v1 (taproot and 40-byte), v2 and v16 programs");
    }

    @Test
    void invalidAddressesAreRefusedForTheBipsReason() throws IOException {
        int n = 0;
        for (JsonNode row : vectors().get("invalid_addresses")) {
            String text = row.get(0).asText();
            String reason = row.get(1).asText();
            String lower = text.toLowerCase(Locale.ROOT);
            // The reason is the one on the address's own network; on the other, its prefix is the first fault.
            List<NetworkParams> own = lower.startsWith("bc1") ? List.of(MAIN) : lower.startsWith("tb1") ? List.of(TEST)
                    : List.of(MAIN, TEST);
            for (NetworkParams p : own) {
                Addresses.Decoding d = Addresses.decode(text, p);
                assertFalse(d.destination().isPresent(), reason + ": " + text);
                String expected = ADDRESS_REASONS.get(reason);
                assertTrue(d.error().startsWith(expected), reason + ": " + text + " gave " + d.error());
                ParseException e = assertThrows(ParseException.class, () -> Addresses.parse(text, p));
                assertEquals(d.error(), e.getMessage());
            }
            for (NetworkParams p : List.of(MAIN, TEST)) {
                assertThrows(ParseException.class, () -> SegwitAddress.parse(text, p.bech32Hrp()), text);
            }
            n++;
        }
        assertEquals(15, n);
    }
}
