package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;

/**
 * Bitcoin Core's rpc_validateaddress.py rows (resource bitcoin/core/rpc_validateaddress.json) on mainnet
 * through {@link Addresses#decode}: every invalid address gets Core's exact {@code error} and
 * {@code error_locations}, every valid one Core's scriptPubKey.
 */
class ValidateAddressErrorsTest {
    private static final NetworkParams MAIN = ParamsLoader.builtIn("mainnet");

    private static JsonNode rows() throws IOException {
        try (InputStream in = ValidateAddressErrorsTest.class.getResourceAsStream("/bitcoin/core/rpc_validateaddress.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void invalidAddressesGetCoresErrorAndLocations() throws IOException {
        int n = 0;
        for (JsonNode row : rows().get("invalid")) {
            String text = row.get(0).asText();
            Addresses.Decoding d = Addresses.decode(text, MAIN);
            assertTrue(d.destination().isEmpty(), text);
            assertEquals(row.get(1).asText(), d.error(), text);
            List<Integer> locations = new ArrayList<>();
            row.get(2).forEach(i -> locations.add(i.intValue()));
            assertEquals(locations, d.errorLocations(), text);
            n++;
        }
        assertEquals(22, n);
    }

    @Test
    void validAddressesGetCoresScript() throws IOException {
        int n = 0;
        for (JsonNode row : rows().get("valid")) {
            String text = row.get(0).asText();
            Addresses.Decoding d = Addresses.decode(text, MAIN);
            assertEquals("", d.error(), text);
            assertEquals(row.get(1).asText(), Hex.encode(d.destination().orElseThrow().scriptPubKey().unsafeBytes()), text);
            n++;
        }
        assertEquals(9, n);
    }
}
