package org.nakamoto.chain.consensus;

/** A consensus or policy rule failed. The {@link RejectReason} says which; the detail says where. */
public final class ValidationException extends Exception {
    private final RejectReason reason;

    public ValidationException(RejectReason reason, String detail) {
        super(reason.code() + ": " + reason.message() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.reason = reason;
    }

    public ValidationException(RejectReason reason) {
        this(reason, null);
    }

    public RejectReason reason() {
        return reason;
    }
}
