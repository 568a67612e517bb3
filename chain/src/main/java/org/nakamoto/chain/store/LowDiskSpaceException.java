package org.nakamoto.chain.store;

/**
 * A write was refused before it reached LevelDB because the file system holding the store has less free
 * space than the store's reserve ({@link DiskReserve}); nothing was written. The message starts with
 * Bitcoin Core's "Disk space is too low!". The store is consistent (every batch is all or nothing); the
 * node should stop and can be restarted once space has been freed.
 */
public final class LowDiskSpaceException extends StoreException {
    private static final long serialVersionUID = 1L;

    public LowDiskSpaceException(String message) {
        super(message);
    }
}
