package org.nakamoto.chain.store;

/** The store cannot be used as it is: missing, corrupt, of another network, in use, or unwritable. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
