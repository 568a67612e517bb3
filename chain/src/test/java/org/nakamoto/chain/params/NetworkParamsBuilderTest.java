package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Hash256;

class NetworkParamsBuilderTest {
    private static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");

    @Test
    void unchangedBuilderGivesEqualParams() {
        assertEquals(REGTEST, REGTEST.toBuilder().build());
    }

    @Test
    void changesOnlyTheFieldsSet() {
        NetworkParams changed = REGTEST.toBuilder().coinbaseMaturity(REGTEST.coinbaseMaturity() + 7).build();

        assertEquals(REGTEST.coinbaseMaturity() + 7, changed.coinbaseMaturity());
        assertNotEquals(REGTEST, changed);
        assertEquals(REGTEST, changed.toBuilder().coinbaseMaturity(REGTEST.coinbaseMaturity()).build());
    }

    @Test
    void builtParamsAreImmutableLikeLoadedOnes() {
        TreeMap<Integer, Hash256> checkpoints = new TreeMap<>();
        NetworkParams built = REGTEST.toBuilder().checkpoints(checkpoints).seeds(List.of("127.0.0.1:1")).build();
        checkpoints.put(1, Hash256.ZERO);

        assertEquals(0, built.checkpoints().size());
        assertThrows(UnsupportedOperationException.class, () -> built.checkpoints().put(2, Hash256.ZERO));
    }
}
