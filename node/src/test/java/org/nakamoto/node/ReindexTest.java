package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.testing.BlockBuilder;

/**
 * A real nakamotod whose {@code chain/CURRENT} was deleted while it was stopped refuses to start, naming
 * the file and suggesting --reindex, and touches nothing; {@code --reindex} then brings it back on the same
 * tip with the same UTXO set (issue 17, item 5).
 */
class ReindexTest {
    @TempDir
    Path tmp;

    @Test
    void aLostCurrentIsRefusedAndReindexRestoresTheSameTipAndUtxoSet() throws Exception {
        Path data = tmp.resolve("node");
        String tip;
        String utxo;
        try (NodeProcess node = NodeProcess.start(data, "regtest", List.of())) {
            BlockBuilder bb = new BlockBuilder(ParamsLoader.builtIn("regtest"));
            Block parent = bb.genesis();
            for (int i = 0; i < 30; i++) {
                parent = bb.next(parent, 600, List.of(), 0);
                node.result("submitblock", "\"" + HexFormat.of().formatHex(parent.serialize()) + "\"");
            }
            tip = node.result("getbestblockhash").asText();
            utxo = node.result("gettxoutsetinfo").get("hash_serialized_3").asText();
            assertEquals(parent.hash().toString(), tip);
        }
        Path current = data.resolve("chain").resolve("CURRENT");
        Files.delete(current);
        long filesBefore;
        try (var files = Files.list(data.resolve("chain"))) {
            filesBefore = files.count();
        }

        Path log = tmp.resolve("refused.log");
        int code = NodeProcess.run(List.of("--network", "regtest", "--datadir", data.toString(),
                "--rpcport", Integer.toString(NodeProcess.freePort()), "--port", Integer.toString(NodeProcess.freePort())),
                log, 120);
        String out = Files.readString(log);
        assertEquals(1, code, out);
        assertTrue(out.contains(current.toString()) && out.contains("--reindex"), out);
        try (var files = Files.list(data.resolve("chain"))) {
            assertEquals(filesBefore, files.count(), "no file created or deleted");
        }

        try (NodeProcess node = NodeProcess.start(data, "regtest", List.of("--reindex"))) {
            assertEquals(tip, node.result("getbestblockhash").asText());
            assertEquals(utxo, node.result("gettxoutsetinfo").get("hash_serialized_3").asText());
            assertTrue(node.output().contains("Reindexed: 30 blocks accepted"), node.output());
        }
        try (NodeProcess node = NodeProcess.start(data, "regtest", List.of("--checkblocks", "0"))) {
            assertEquals(tip, node.result("getbestblockhash").asText());
            assertTrue(node.output().contains("Verified the block store: the last 31 blocks"), node.output());
        }
    }
}
