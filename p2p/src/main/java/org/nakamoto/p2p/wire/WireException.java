package org.nakamoto.p2p.wire;

/**
 * The one exception the wire codec raises for bad input. Checked on purpose: every caller talks to an
 * untrusted peer and must decide what the error costs it.
 */
public final class WireException extends Exception {
    private final WireError error;

    public WireException(WireError error, String detail) {
        super(error + ": " + detail);
        this.error = error;
    }

    public WireError error() {
        return error;
    }

    public boolean isFatal() {
        return error.isFatal();
    }
}
