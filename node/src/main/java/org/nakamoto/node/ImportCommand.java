package org.nakamoto.node;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nakamoto.chain.blockfile.BlockImporter;
import org.nakamoto.chain.consensus.ScriptInputVerifier;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.ChainState;
import org.nakamoto.chain.store.ChainStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nakamotod [--network N | --params F] [--datadir D] import FILE...}: loads blk*.dat-format files
 * into the data directory through full validation (Core's -loadblock), shows progress on stderr, prints a
 * summary per file and exits. The node must not be running on the same data directory (the store is
 * locked). The calling thread is the chain writer for the duration.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load blk*.dat-format block files into the data directory, then exit.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    Nakamotod parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Block files (magic, length, block; repeated)")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        NetworkParams params = parent.params();
        Path dataDir = parent.dataDir(params);
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                throw new Nakamotod.ConfigException("import: cannot read " + f);
            }
        }
        Files.createDirectories(dataDir);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.println(parent.selectSignatureEngine().describe());
        try (ChainStore store = ChainStore.open(dataDir.resolve("chain"), params, parent.checkBlocks)) {
            ChainState chain = ChainState.open(params, store, ScriptInputVerifier.sequential(), Node::nowSeconds);
            err.printf(Locale.ROOT, "Loaded block index: tip height=%d hash=%s%n", chain.tip().height(), chain.tip().hash());
            err.flush();
            int i = 0;
            for (Path f : files) {
                i++;
                String prefix = String.format(Locale.ROOT, "import %d/%d %s", i, files.size(), f.getFileName());
                BlockImporter importer = new BlockImporter(chain, p -> {
                    err.printf(Locale.ROOT, "%s: %5.1f%% blocks=%d height=%d %.0f blocks/s%s%n", prefix,
                            p.fraction() * 100, p.blocksRead(), p.tipHeight(), p.blocksPerSecond(), p.done() ? " done" : "");
                    err.flush();
                }, 1_000);
                BlockImporter.Result r = importer.importFile(f);
                out.printf(Locale.ROOT, "%s: read=%d accepted=%d duplicates=%d orphans=%d rejected=%d tip=%d %s%n",
                        prefix, r.read(), r.accepted(), r.duplicates(), r.orphans(), r.rejected(), chain.tip().height(),
                        chain.tip().hash());
                if (r.firstRejection() != null) {
                    out.println("  first rejection: " + r.firstRejection());
                }
                out.flush();
            }
        }
        return 0;
    }
}
