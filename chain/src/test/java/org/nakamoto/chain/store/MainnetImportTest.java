package org.nakamoto.chain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.HeaderListAncestry;
import org.nakamoto.chain.blockfile.BlockImporter;
import org.nakamoto.chain.consensus.BlockConnector;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.testing.MainnetBlocks;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestVerifiers;
import org.nakamoto.chain.utxo.MemoryUtxoSet;
import org.nakamoto.chain.utxo.UtxoCache;

class MainnetImportTest {
    private static final NetworkParams MAINNET = ParamsLoader.builtIn("mainnet");

    @TempDir
    Path tmp;

    private Path datFile() throws Exception {
        Path f = tmp.resolve("blk00000.dat");
        try (InputStream in = MainnetBlocks.stream()) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void importingBlocks0To438IntoLevelDbSurvivesCloseAndReopen() throws Exception {
        Path dir = tmp.resolve("store");
        List<BlockImporter.Progress> reports = new ArrayList<>();
        try (TestChain n = new TestChain(dir, MAINNET, TestVerifiers.real())) {
            BlockImporter.Result r = new BlockImporter(n.chain, reports::add, 0).importFile(datFile());
            assertEquals(439, r.read());
            assertEquals(438, r.accepted(), "genesis is already there");
            assertEquals(1, r.duplicates());
            assertEquals(0, r.rejected(), String.valueOf(r.firstRejection()));
            assertEquals(438, r.tipHeight());
        }
        assertTrue(reports.size() > 1, "progress was reported");
        BlockImporter.Progress last = reports.get(reports.size() - 1);
        assertTrue(last.done());
        assertEquals(1.0, last.fraction());
        assertEquals(438, last.tipHeight());

        // an in-memory rebuild of the same chain, to compare the persisted UTXO set with
        MemoryUtxoSet scratch = new MemoryUtxoSet();
        BlockConnector connector = new BlockConnector(MAINNET, ScriptInputVerifier.sequential());
        List<Block> blocks = MainnetBlocks.all();
        List<org.nakamoto.chain.model.BlockHeader> headers = blocks.stream().map(Block::header).toList();
        for (int h = 1; h <= 438; h++) {
            UtxoCache c = new UtxoCache(scratch);
            connector.connect(blocks.get(h), HeaderListAncestry.sharing(headers, h - 1), c);
            scratch.apply(c);
        }

        try (TestChain reopened = new TestChain(dir, MAINNET, TestVerifiers.real())) {
            assertEquals(438, reopened.height());
            assertEquals(MainnetBlocks.TIP_438, reopened.tip().toString());
            assertEquals(ChainStore.digestOf(scratch.snapshot()), reopened.utxoDigest());
            assertEquals(blocks.get(170), reopened.chain.block(blocks.get(170).hash()));
        }
    }

    @Test
    void aStoreOfAnotherNetworkOrInUseIsRefusedClearly() {
        Path dir = tmp.resolve("other");
        try (ChainStore s = ChainStore.open(dir, MAINNET)) {
            StoreException inUse = assertThrows(StoreException.class, () -> ChainStore.open(dir, MAINNET));
            assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            assertNull(s.tip());
        }
        StoreException wrong = assertThrows(StoreException.class, () -> ChainStore.open(dir, ParamsLoader.builtIn("regtest")));
        assertTrue(wrong.getMessage().contains("belongs to the network"), wrong.getMessage());
    }

    @Test
    void aCorruptStoreIsRefusedClearly() throws Exception {
        Path dir = tmp.resolve("corrupt");
        try (TestChain n = new TestChain(dir, MAINNET, TestVerifiers.real())) {
            n.accept(MainnetBlocks.all().get(1));
        }
        // Overwrite every table and log file with garbage.
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".ldb") || name.endsWith(".log") || name.startsWith("MANIFEST")) {
                    byte[] junk = new byte[(int) Math.max(64, Files.size(f))];
                    java.util.Arrays.fill(junk, (byte) 0x5a);
                    Files.write(f, junk);
                }
            }
        }
        StoreException e = assertThrows(StoreException.class, () -> ChainStore.open(dir, MAINNET));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
