package org.nakamoto.node.cli;

/**
 * A failure nakamoto-cli reports as "error: MESSAGE" with exit code 1. Transient failures (server not
 * up yet, no cookie yet) are retried under --rpcwait.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    CliException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    boolean isTransient() {
        return transientFailure;
    }
}
