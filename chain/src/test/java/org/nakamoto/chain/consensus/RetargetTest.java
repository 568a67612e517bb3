package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;

class RetargetTest {
    private static final NetworkParams MAINNET = TestParams.mainnetLike();

    @Test
    void coresPowTestVectors() throws IOException {
        JsonNode cases;
        try (InputStream in = RetargetTest.class.getResourceAsStream("/bitcoin/pow-retarget-vectors.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            assertEquals(0, (c.get("lastHeight").asInt() + 1) % MAINNET.retargetInterval(), name);
            long next = Retarget.calculateNextBits(MAINNET, Long.parseLong(c.get("lastBits").asText(), 16),
                    c.get("firstBlockTime").asLong(), c.get("lastTime").asLong());
            assertEquals(c.get("expectedNextBits").asText(), String.format("%08x", next), name);
        }
    }

    @Test
    void vectorsThroughTheAncestryForm() {
        // "No constraint applies": a period whose first block is at 30240 and last at 32255.
        HeaderListAncestry period = period(30240, 1261130161L, 1262152739L, 0x1d00ffffL);
        assertEquals(0x1d00d86aL, Retarget.nextWorkRequired(MAINNET, period));
        // Between retargets the previous bits carry over, whatever the times.
        assertEquals(0x1d00ffffL, Retarget.nextWorkRequired(MAINNET, period.upTo(32254)));
    }

    @Test
    void noRetargetingKeepsThePreviousBits() {
        NetworkParams regtest = TestParams.regtestLike();
        HeaderListAncestry period = period(30240, 1261130161L, 1262152739L, 0x1d00ffffL);
        assertEquals(0x1d00ffffL, Retarget.nextWorkRequired(regtest, period));
        assertEquals(0x1c05a3f4L, Retarget.calculateNextBits(regtest, 0x1c05a3f4L, 1279008237L, 1279297671L));
    }

    @Test
    void negativeTimespanClampsToTheQuarter() {
        // Times may go backwards across a period; Core clamps the (negative) span like any short one.
        assertEquals(Retarget.calculateNextBits(MAINNET, 0x1c05a3f4L, 0, 1_209_600 / 4),
                Retarget.calculateNextBits(MAINNET, 0x1c05a3f4L, 2_000_000, 1_000_000));
    }

    @Test
    void retargetNeedsThePeriodsFirstBlock() {
        HeaderListAncestry period = period(30240, 1261130161L, 1262152739L, 0x1d00ffffL);
        HeaderListAncestry tooShort = HeaderListAncestry.of(30241, headersFrom(period, 30241));
        assertThrows(IllegalStateException.class, () -> Retarget.nextWorkRequired(MAINNET, tooShort));
    }

    /** A full retarget period: first and last block at the given times, the ones between evenly spaced. */
    private static HeaderListAncestry period(int firstHeight, long firstTime, long lastTime, long bits) {
        List<BlockHeader> headers = new ArrayList<>();
        int n = MAINNET.retargetInterval();
        for (int i = 0; i < n; i++) {
            long t = firstTime + (lastTime - firstTime) * i / (n - 1);
            headers.add(new BlockHeader(1, Hash256.ZERO, Hash256.ZERO, t, bits, i));
        }
        return HeaderListAncestry.of(firstHeight, headers);
    }

    private static List<BlockHeader> headersFrom(HeaderListAncestry b, int from) {
        List<BlockHeader> out = new ArrayList<>();
        for (int h = from; h <= b.height(); h++) {
            out.add(b.headerAt(h));
        }
        return out;
    }
}
