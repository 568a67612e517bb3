package org.nakamoto.chain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.P2pkhChain;
import org.nakamoto.chain.testing.TestNetworks;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

/**
 * Generated chains of P2WPKH and of taproot key-path spends pass every block rule: context-free,
 * contextual and connection, with every input's script checked.
 */
class SegwitChainTest {
    private static final NetworkParams PARAMS = TestNetworks.withMaturity(TestNetworks.regtest(), 5);

    @Test
    void p2wpkhChainConnects() throws Exception {
        connectAll(P2pkhChain.segwit(PARAMS).extend(25, 4).blocks());
    }

    @Test
    void taprootKeyPathChainConnects() throws Exception {
        connectAll(P2pkhChain.taproot(PARAMS).extend(25, 4).blocks());
    }

    private static void connectAll(List<Block> blocks) throws Exception {
        NetworkParams p = PARAMS;
        List<BlockHeader> headers = new ArrayList<>(List.of(p.genesis().header()));
        blocks.forEach(b -> headers.add(b.header()));
        ScriptInputVerifier scripts = ScriptInputVerifier.sequential();
        BlockConnector connector = new BlockConnector(p, scripts);
        MemoryUtxoSet utxo = new MemoryUtxoSet();
        int witnessBlocks = 0;
        for (int h = 1; h <= blocks.size(); h++) {
            Block b = blocks.get(h - 1);
            BlockChecks.check(b, p);
            HeaderAncestry parent = HeaderListAncestry.sharing(headers, h - 1);
            connector.checkContext(b, parent);
            UtxoCache c = new UtxoCache(utxo);
            connector.connect(b, parent, c);
            utxo.apply(c);
            if (b.hasWitness()) {
                witnessBlocks++;
                assertTrue(WitnessCommitment.index(b.transactions().get(0)) >= 0);
                assertTrue(b.weight() < 4L * b.size(), "witness bytes weigh less");
            }
        }
        assertTrue(witnessBlocks > 10, witnessBlocks + " blocks with witnesses");
        assertEquals(blocks.stream().mapToLong(b -> 0L + b.transactions().stream()
                .filter(t -> !t.isCoinbase()).mapToInt(t -> t.inputs().size()).sum()).sum(), scripts.inputsVerified());
    }
}
