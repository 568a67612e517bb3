package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;

class MedianTimePastTest {

    /** Headers carrying only the given times; linkage is irrelevant to the median. */
    private static HeaderListAncestry branch(int firstHeight, long... times) {
        List<BlockHeader> headers = new ArrayList<>();
        for (long t : times) {
            headers.add(new BlockHeader(1, Hash256.ZERO, Hash256.ZERO, t, 0x207fffffL, 0));
        }
        return HeaderListAncestry.of(firstHeight, headers);
    }

    @Test
    void singleBlockIsItsOwnMedian() {
        assertEquals(500, MedianTimePast.of(branch(0, 500)));
    }

    @Test
    void fewerThanElevenUseWhatIsThereAndTakeTheUpperMedian() {
        assertEquals(20, MedianTimePast.of(branch(0, 10, 20)));
        assertEquals(20, MedianTimePast.of(branch(7, 30, 10, 20)));
        assertEquals(30, MedianTimePast.of(branch(100, 40, 10, 30, 20)));
    }

    @Test
    void onlyTheLastElevenCountAndOrderDoesNot() {
        // Twelve blocks: the first (time 1000) is outside the span.
        HeaderListAncestry b = branch(0, 1000, 11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6);
        assertEquals(6, MedianTimePast.of(b));
        // Cut back by one, the 1000 is inside the span again and 6 is not: sorted 1..5,7..11,1000.
        assertEquals(7, MedianTimePast.of(b.upTo(10)));
    }
}
