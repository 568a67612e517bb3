package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.params.SoftForks;
import org.nakamoto.chain.script.ScriptFlag;

/** Core's GetBlockScriptFlags on mainnet's real heights and exception blocks, and BIP68's arithmetic. */
class BlockScriptFlagsTest {
    private static final SoftForks MAINNET = ParamsLoader.builtIn("mainnet").softForks();
    private static final Hash256 ANY = Hash256.sha256d(new byte[] {1});

    private static Set<ScriptFlag> flags(int height) {
        return BlockScriptFlags.of(MAINNET, height, ANY);
    }

    @Test
    void eachSoftForkJoinsAtItsMainnetHeight() {
        EnumSet<ScriptFlag> base = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS);
        assertEquals(base, flags(0), "P2SH and WITNESS from genesis, as Core");
        assertEquals(base, flags(363_724));
        base.add(ScriptFlag.DERSIG);
        assertEquals(base, flags(363_725));
        base.add(ScriptFlag.CHECKLOCKTIMEVERIFY);
        assertEquals(base, flags(388_381));
        assertFalse(flags(419_327).contains(ScriptFlag.CHECKSEQUENCEVERIFY));
        base.add(ScriptFlag.CHECKSEQUENCEVERIFY);
        assertEquals(base, flags(419_328));
        assertFalse(flags(481_823).contains(ScriptFlag.NULLDUMMY));
        base.add(ScriptFlag.NULLDUMMY);
        assertEquals(base, flags(481_824));
        assertEquals(base, flags(709_631));
        base.add(ScriptFlag.TAPROOT);
        assertEquals(base, flags(709_632), "taproot from its mainnet height");
        assertEquals(base, flags(900_000));
    }

    @Test
    void theTwoExceptionBlocksReplaceTheDefaultFlags() {
        Hash256 bip16 = Hash256.fromHex("00000000000002dc756eebf4f49723ed8d30cc28a5f108eb94b1ba88ac4f9c22");
        assertEquals(EnumSet.noneOf(ScriptFlag.class), BlockScriptFlags.of(MAINNET, 170_060, bip16));
        Hash256 taproot = Hash256.fromHex("0000000000000000000f14c35b2d841e986ab5441de8c585d5ffe55ea1e395ad");
        assertEquals(EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.DERSIG, ScriptFlag.CHECKLOCKTIMEVERIFY,
                ScriptFlag.CHECKSEQUENCEVERIFY, ScriptFlag.NULLDUMMY), BlockScriptFlags.of(MAINNET, 692_261, taproot));
    }

    @Test
    void flagSetsAreSharedNotRebuiltPerBlock() {
        assertTrue(flags(500_000) == flags(600_000), "one set per combination: no allocation per block");
    }

    @Test
    void sequenceLocksCountFromTheCoinByHeightAndByMedianTime() {
        Transaction byHeight = tx(2, 10);
        SequenceLocks.Lock lock = SequenceLocks.calculate(byHeight, new int[] {100}, h -> 0);
        assertEquals(109, lock.height());
        assertFalse(SequenceLocks.satisfied(lock, 109, 0));
        assertTrue(SequenceLocks.satisfied(lock, 110, 0));

        Transaction byTime = tx(2, SequenceLocks.TYPE_FLAG | 2);
        // The clock starts at the median time past of the block before the coin's: 1000 at height 99.
        SequenceLocks.Lock t = SequenceLocks.calculate(byTime, new int[] {100}, h -> h == 99 ? 1000 : -1);
        assertEquals(1000 + 2 * 512 - 1, t.time());
        assertFalse(SequenceLocks.satisfied(t, 500, 1000 + 1023));
        assertTrue(SequenceLocks.satisfied(t, 500, 1000 + 1024));

        assertEquals(SequenceLocks.Lock.NONE,
                SequenceLocks.calculate(tx(2, SequenceLocks.DISABLE_FLAG | 10), new int[] {100}, h -> 0));
        assertFalse(SequenceLocks.applies(tx(1, 10), true), "version 1 has no relative lock");
        assertTrue(SequenceLocks.applies(tx(-1, 10), true), "the version is read unsigned, as Core");
        assertFalse(SequenceLocks.applies(tx(2, 10), false), "nothing before CSV");
    }

    private static Transaction tx(int version, long sequence) {
        return new Transaction.Builder().version(version)
                .addInput(new TxIn(new OutPoint(ANY, 0), Script.EMPTY, sequence))
                .addOutput(1, Script.EMPTY).build();
    }

    @Test
    void medianTimePastAtAnAncestor() {
        List<BlockHeader> headers = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            headers.add(new BlockHeader(4, Hash256.ZERO, Hash256.ZERO, 1000 + i * 10L, 0x207fffffL, i));
        }
        HeaderListAncestry branch = HeaderListAncestry.of(0, headers);
        assertEquals(MedianTimePast.of(branch.upTo(20)), MedianTimePast.at(branch, 20));
        assertEquals(1000 + 15 * 10, MedianTimePast.at(branch, 20));
    }
}
