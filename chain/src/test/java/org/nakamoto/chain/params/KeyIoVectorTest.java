package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

/**
 * Core's key_io_valid.json / key_io_invalid.json (src/test/key_io_tests.cpp) against {@link Addresses}: every
 * address row (Base58 P2PKH/P2SH and bech32/bech32m witness programs) decodes under its chain's parameters
 * to the given scriptPubKey and encodes back to the same string; every invalid row decodes under none.
 * Core's testnet4 and signet share Bitcoin testnet's prefixes and "tb", modelled here by regtest's versions
 * with "tb". WIF rows are the wallet's business and are counted, not driven, here.
 */
class KeyIoVectorTest {
    private static final Map<String, NetworkParams> CHAINS = chains();

    private static Map<String, NetworkParams> chains() {
        NetworkParams regtest = ParamsLoader.builtIn("regtest");
        NetworkParams test = regtest.toBuilder().name("test").bech32Hrp("tb").build();
        Map<String, NetworkParams> m = new LinkedHashMap<>();
        m.put("main", ParamsLoader.builtIn("mainnet"));
        m.put("test", test);
        m.put("testnet4", test);
        m.put("signet", test);
        m.put("regtest", regtest);
        return m;
    }

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = KeyIoVectorTest.class.getResourceAsStream("/bitcoin/core/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void validAddressesRoundTrip() throws IOException {
        int addresses = 0;
        int witness = 0;
        int keys = 0;
        int taproot = 0;
        int skipped = 0;
        for (JsonNode row : load("key_io_valid.json")) {
            if (row.size() < 3) {
                skipped++;
                continue;
            }
            JsonNode meta = row.get(2);
            if (meta.get("isPrivkey").asBoolean()) {
                keys++;
                continue;
            }
            NetworkParams p = CHAINS.get(meta.get("chain").asText());
            String text = row.get(0).asText();
            String spk = row.get(1).asText();
            Addresses.Destination d = Addresses.parse(text, p);
            assertEquals(spk, Hex.encode(d.scriptPubKey().unsafeBytes()), text);
            assertEquals(text, Addresses.of(d.scriptPubKey(), p).orElseThrow(), text);
            if (meta.path("tryCaseFlip").asBoolean()) {
                String flipped = flipCase(text);
                assertEquals(spk, Hex.encode(Addresses.parse(flipped, p).scriptPubKey().unsafeBytes()), flipped);
            }
            for (NetworkParams other : CHAINS.values()) {
                if (!other.bech32Hrp().equals(p.bech32Hrp()) && d.kind() == Addresses.Kind.WITNESS) {
                    assertThrows(ParseException.class, () -> Addresses.parse(text, other), text + " on " + other.name());
                }
            }
            addresses++;
            if (d.kind() == Addresses.Kind.WITNESS) {
                witness++;
                if (isTaproot(text)) {
                    assertEquals(1, d.witness().orElseThrow().witnessVersion(), text);
                    assertTrue(spk.startsWith("5120"), "OP_1 <32 bytes>: " + text);
                    taproot++;
                }
            }
        }
        assertEquals(0, skipped, "every row is driven");
        assertEquals(8, taproot, "bc1p/tb1p/bcrt1p rows of main, testnet4, signet and regtest");
        assertEquals(70, addresses + keys);
        assertEquals(32, witness);
        assertTrue(addresses > witness);
    }

    @Test
    void invalidStringsAreNoAddressOnAnyChain() throws IOException {
        int n = 0;
        int taproot = 0;
        for (JsonNode row : load("key_io_invalid.json")) {
            String text = row.get(0).asText();
            for (NetworkParams p : CHAINS.values()) {
                assertThrows(ParseException.class, () -> Addresses.parse(text, p), text + " on " + p.name());
            }
            taproot += isTaproot(text) ? 1 : 0;
            n++;
        }
        assertEquals(70, n);
        assertEquals(2, taproot, "the bc1p rows (v1 programs that are not 32 bytes, or bad padding)");
    }

    private static boolean isTaproot(String address) {
        String a = address.toLowerCase(java.util.Locale.ROOT);
        return a.startsWith("bc1p") || a.startsWith("tb1p") || a.startsWith("bcrt1p");
    }

    private static String flipCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }
}
