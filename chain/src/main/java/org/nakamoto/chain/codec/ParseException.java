package org.nakamoto.chain.codec;

/**
 * Bytes that are not a valid encoding: truncated, trailing, oversized or non-canonical.
 * The only exception a parser in this project lets escape on bad input.
 */
public final class ParseException extends RuntimeException {
    public ParseException(String message) {
        super(message);
    }

    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
