package org.nakamoto.chain.store;

import java.nio.file.Path;
import org.nakamoto.chain.blockfile.BlockImporter;
import org.nakamoto.chain.state.BlockNode;
import org.nakamoto.chain.state.ChainListener;
import org.nakamoto.chain.testing.TestChain;
import org.nakamoto.chain.testing.TestVerifiers;

/**
 * The process {@link CrashSafetyTest} kills: imports a block file into a store, printing each new tip
 * once it is durable, until the file ends or SIGKILL arrives.
 */
public final class CrashImportWorker {
    private CrashImportWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path file = Path.of(args[1]);
        try (TestChain n = new TestChain(dir, CrashSafetyTest.PARAMS, TestVerifiers.real())) {
            n.chain.events().subscribe(new ChainListener() {
                @Override
                public void tipChanged(BlockNode tip, boolean reorganised) {
                    System.out.println("tip " + tip.height() + " " + tip.hash());
                    System.out.flush();
                }
            });
            System.out.println("started");
            System.out.flush();
            new BlockImporter(n.chain, p -> { }, 1000).importFile(file);
            System.out.println("done");
        }
    }
}
