package org.nakamoto.chain.script;

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
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;

class SignatureHashTest {

    /** Bitcoin Core's sighash.json: every row must match, including the SINGLE "1" quirk and codeseparators. */
    @Test
    void everyCoreVectorMatches() throws IOException {
        JsonNode rows;
        try (InputStream in = getClass().getResourceAsStream("/bitcoin/sighash.json")) {
            rows = new ObjectMapper().readTree(in);
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (JsonNode row : rows) {
            if (row.size() == 1) {
                continue; // the header row
            }
            Transaction tx = Transaction.fromHex(row.get(0).asText());
            byte[] script = Hex.decode(row.get(1).asText());
            int inputIndex = row.get(2).asInt();
            int hashType = row.get(3).asInt();
            String expected = row.get(4).asText();
            String actual = SignatureHash.legacy(tx, inputIndex, script, hashType).toString();
            if (!expected.equals(actual)) {
                failures.add("row " + checked + ": expected " + expected + " got " + actual);
            }
            checked++;
        }
        assertEquals(500, checked, "vector count");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first: " + failures);
    }

    @Test
    void singleWithoutMatchingOutputSignsOne() {
        Transaction tx = new Transaction.Builder()
                .addInput(new OutPoint(Hash256.ZERO, 0), Script.EMPTY)
                .addInput(new OutPoint(Hash256.ZERO, 1), Script.EMPTY)
                .addOutput(1, Script.EMPTY)
                .build();
        Hash256 h = SignatureHash.legacy(tx, 1, new byte[0], SignatureHash.SINGLE);
        assertEquals("0000000000000000000000000000000000000000000000000000000000000001", h.toString());
        assertEquals(SignatureHash.ONE, SignatureHash.legacy(tx, 2, new byte[0], SignatureHash.ALL));
    }

    @Test
    void codeSeparatorsAreRemovedFromTheSignedScript() {
        Transaction tx = new Transaction.Builder()
                .addInput(new OutPoint(Hash256.ZERO, 0), Script.EMPTY)
                .addOutput(1, Script.EMPTY)
                .build();
        byte[] with = Hex.decode("51ab52abac");
        byte[] without = Hex.decode("5152ac");
        assertEquals(SignatureHash.legacy(tx, 0, without, 1), SignatureHash.legacy(tx, 0, with, 1));
        // A 0xab byte inside a push is data, not a separator.
        byte[] pushed = Hex.decode("01abac");
        byte[] edited = Hex.decode("01ac");
        assertTrue(!SignatureHash.legacy(tx, 0, pushed, 1).equals(SignatureHash.legacy(tx, 0, edited, 1)));
    }
}
