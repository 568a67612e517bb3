package org.nakamoto.chain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

/**
 * BIP173's valid and invalid segwit addresses. Its version 1+ examples carry a bech32 checksum, which
 * BIP350 later reserved for version 0 only: those strings must still be valid bech32 but are refused as
 * addresses (Core does the same), and their programs written in bech32m are accepted instead.
 */
class SegwitAddressTest {
    private static JsonNode vectors() throws IOException {
        try (InputStream in = SegwitAddressTest.class.getResourceAsStream("/bitcoin/bips/bip-0173-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void bip173ValidAddresses() throws IOException {
        int v0 = 0;
        int v1plus = 0;
        for (JsonNode row : vectors().get("valid_addresses")) {
            String text = row.get(0).asText();
            String spk = row.get(1).asText();
            String hrp = Bech32.decode(text).hrp();
            Script script = Script.of(Hex.decode(spk));
            SegwitAddress fromScript = SegwitAddress.fromScriptPubKey(script, hrp).orElseThrow();
            if (spk.startsWith("00")) {
                SegwitAddress a = SegwitAddress.parse(text, hrp);
                assertEquals(spk, Hex.encode(a.scriptPubKey().unsafeBytes()));
                assertEquals(text.toLowerCase(Locale.ROOT), a.toString());
                assertEquals(a, fromScript);
                v0++;
            } else {
                assertThrows(ParseException.class, () -> SegwitAddress.parse(text, hrp), "bech32 for v1+ (BIP350): " + text);
                SegwitAddress m = SegwitAddress.parse(fromScript.toString(), hrp);
                assertEquals(Bech32.Encoding.BECH32M, Bech32.decode(fromScript.toString()).encoding());
                assertEquals(spk, Hex.encode(m.scriptPubKey().unsafeBytes()));
                v1plus++;
            }
        }
        assertEquals(3, v0);
        assertEquals(3, v1plus);
    }

    @Test
    void bip173InvalidAddresses() throws IOException {
        int n = 0;
        for (JsonNode row : vectors().get("invalid_addresses")) {
            String text = row.get(0).asText();
            for (String hrp : new String[] {"bc", "tb"}) {
                assertThrows(ParseException.class, () -> SegwitAddress.parse(text, hrp), row.get(1).asText() + ": " + text);
            }
            n++;
        }
        assertEquals(10, n);
    }

    @Test
    void anotherNetworksHrpIsRefused() {
        SegwitAddress a = SegwitAddress.p2wpkh("bcrt", new byte[20]);
        assertTrue(a.toString().startsWith("bcrt1q"));
        assertThrows(ParseException.class, () -> SegwitAddress.parse(a.toString(), "bc"));
        assertEquals(a, SegwitAddress.parse(a.toString().toUpperCase(Locale.ROOT), "bcrt"));
    }
}
