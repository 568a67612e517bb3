package org.nakamoto.chain.params;

/** A parameters file that cannot be used: unreadable, a field missing or malformed, or a wrong genesis hash. */
public final class ParamsException extends RuntimeException {
    public ParamsException(String message) {
        super(message);
    }

    public ParamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
