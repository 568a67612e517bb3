package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.chain.script.Taproot;

/**
 * Our bech32m encoder and decoder against an independent implementation (resource
 * independent/taproot-addresses.json, written by @scure/btc-signer and @scure/base): every taproot output
 * key and every witness v2..v16 program encodes to the address it gave, on bc, tb and bcrt, and every
 * address decodes back to its scriptPubKey; {@link Taproot#outputKey} tweaks each internal key to the
 * output key the library derived (BIP86).
 */
class IndependentAddressesTest {
    private static final Map<String, NetworkParams> CHAINS = Map.of(
            "main", ParamsLoader.builtIn("mainnet"),
            "test", ParamsLoader.builtIn("regtest").toBuilder().name("test").bech32Hrp("tb").build(),
            "regtest", ParamsLoader.builtIn("regtest"));

    static JsonNode fixture() throws IOException {
        try (InputStream in = IndependentAddressesTest.class.getResourceAsStream("/independent/taproot-addresses.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void taprootOutputKeysAgree() throws IOException {
        int n = 0;
        for (JsonNode row : fixture().get("taproot")) {
            String output = row.get("outputKey").asText();
            check(row, 1, output);
            // BIP86: the output key is the internal key tweaked by its own TapTweak hash, with no script tree.
            Taproot.OutputKey ours = Taproot.outputKey(Hex.decode(row.get("internalKey").asText()), null);
            assertEquals(output, Hex.encode(ours.xOnly()), row.get("internalKey").asText());
            n++;
        }
        assertEquals(60, n);
    }

    @Test
    void futureWitnessVersionsAgree() throws IOException {
        int n = 0;
        for (JsonNode row : fixture().get("unknown")) {
            check(row, row.get("version").intValue(), row.get("program").asText());
            n++;
        }
        assertEquals(45, n);
    }

    private static void check(JsonNode row, int version, String program) {
        NetworkParams p = CHAINS.get(row.get("chain").asText());
        String address = row.get("address").asText();
        String spk = row.get("scriptPubKey").asText();
        SegwitAddress ours = SegwitAddress.of(p.bech32Hrp(), version, Hex.decode(program));
        assertEquals(address, ours.toString());
        assertEquals(spk, Hex.encode(ours.scriptPubKey().unsafeBytes()), address);
        Addresses.Destination d = Addresses.parse(address, p);
        assertEquals(spk, Hex.encode(d.scriptPubKey().unsafeBytes()), address);
        assertEquals(version, d.witness().orElseThrow().witnessVersion(), address);
        assertEquals(address, Addresses.of(Script.fromHex(spk), p).orElseThrow(), address);
    }
}
