package org.nakamoto.chain.blockfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.state.ChainState;

/**
 * Loads blk*.dat-format files into the chain, block by block through full validation, reporting
 * progress at a fixed interval. The file already holds every body, so bodies are not fsynced one by
 * one (as in Bitcoin Core's -loadblock): the store is flushed every {@link #FLUSH_EVERY} blocks and at
 * the end, and a crash in between loses nothing the file cannot give back. An invalid block is counted and skipped (its descendants then fail
 * too); a malformed file stops the import with a {@link org.nakamoto.chain.codec.ParseException}.
 * Runs on the caller's thread, which becomes the chain writer for the duration.
 */
public final class BlockImporter {
    /** Where an import stands: blocks read so far, the tip height, and the rate. */
    public record Progress(Path file, long blocksRead, long bytesRead, long fileBytes, int tipHeight,
            double blocksPerSecond, boolean done) {
        public double fraction() {
            return fileBytes == 0 ? 1.0 : Math.min(1.0, (double) bytesRead / fileBytes);
        }
    }

    /** What an import did. */
    public record Result(long read, long accepted, long duplicates, long orphans, long rejected,
            int tipHeight, String firstRejection) {
    }

    static final int FLUSH_EVERY = 1000;

    private final ChainState chain;
    private final Consumer<Progress> progress;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    public BlockImporter(ChainState chain, Consumer<Progress> progress, long intervalMillis) {
        this(chain, progress, intervalMillis, System::nanoTime);
    }

    BlockImporter(ChainState chain, Consumer<Progress> progress, long intervalMillis, LongSupplier nanoClock) {
        this.chain = chain;
        this.progress = progress;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    public Result importFile(Path file) throws IOException {
        long size = Files.size(file);
        long read = 0;
        long accepted = 0;
        long duplicates = 0;
        long orphans = 0;
        long rejected = 0;
        String firstRejection = null;
        long start = nanoClock.getAsLong();
        long lastReport = start;
        chain.deferBodySync(true);
        // A block with witnesses serializes to at most its weight, so the weight limit bounds each record.
        try (BlockFileReader r = BlockFileReader.open(file, chain.params().magicBytes(),
                (int) chain.params().maxBlockWeight())) {
            for (Block b = r.next(); b != null; b = r.next()) {
                read++;
                if (read % FLUSH_EVERY == 0) {
                    chain.flushStore();
                }
                try {
                    switch (chain.acceptBlock(b)) {
                        case ACCEPTED -> accepted++;
                        case DUPLICATE -> duplicates++;
                        case ORPHAN -> orphans++;
                    }
                } catch (ValidationException e) {
                    rejected++;
                    if (firstRejection == null) {
                        firstRejection = "block " + b.hash() + ": " + e.getMessage();
                    }
                }
                long now = nanoClock.getAsLong();
                if (now - lastReport >= intervalNanos) {
                    lastReport = now;
                    progress.accept(new Progress(file, read, r.offset(), size, chain.tip().height(),
                            rate(read, now - start), false));
                }
            }
            long now = nanoClock.getAsLong();
            progress.accept(new Progress(file, read, r.offset(), size, chain.tip().height(), rate(read, now - start), true));
        } finally {
            chain.deferBodySync(false);
        }
        return new Result(read, accepted, duplicates, orphans, rejected, chain.tip().height(), firstRejection);
    }

    private static double rate(long blocks, long nanos) {
        return nanos <= 0 ? 0 : blocks * 1e9 / nanos;
    }
}
