package org.nakamoto.chain.store;

/**
 * The store cannot be used as it is: missing, corrupt, of another network, in use, or unwritable. Its
 * message says what is wrong and what to do, naming the directory or file. Sealed: the one subclass,
 * {@link LowDiskSpaceException}, is the case a node must answer by stopping cleanly rather than by
 * reporting an error to a caller.
 */
public sealed class StoreException extends RuntimeException permits LowDiskSpaceException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
