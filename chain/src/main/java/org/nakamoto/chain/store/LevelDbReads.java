package org.nakamoto.chain.store;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.nakamoto.chain.codec.ParseException;

/**
 * Checksum-verified reads of raw keys: of the live database ({@link StoreDatabase}) or of one instant
 * ({@link StoreDatabase.Snapshot}). A record family reads through this, so the same code serves both.
 *
 * <p>Threads: implementations are safe for any thread.
 */
interface LevelDbReads {
    /** The value under {@code key}, or null. */
    byte[] get(byte[] key);

    /** Every (key, value) whose key starts with {@code prefix}, in key order. */
    void forEachWithPrefix(byte prefix, BiConsumer<byte[], byte[]> action);

    Path directory();

    /** Parses a stored value; a value that does not parse means the store is damaged, so it says so. */
    default <T> T parse(Supplier<T> p, String what) {
        try {
            return p.get();
        } catch (ParseException e) {
            throw new StoreException("the block store in " + directory() + " is corrupt: " + what + ": "
                    + e.getMessage(), e);
        }
    }
}
