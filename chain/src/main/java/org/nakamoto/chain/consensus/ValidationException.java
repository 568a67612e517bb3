package org.nakamoto.chain.consensus;

/**
 * A consensus or policy rule failed. The {@link RejectReason} says which; the detail says where; the
 * reject string is what Core reports for it (usually the reason's code, but a script failure carries its
 * error: "mempool-script-verify-flag-failed (Data push larger than necessary)").
 */
public final class ValidationException extends Exception {
    private final RejectReason reason;
    private final String rejectString;

    public ValidationException(RejectReason reason, String detail) {
        this(reason, reason.code(), detail);
    }

    public ValidationException(RejectReason reason) {
        this(reason, null);
    }

    /** With Core's full reject string, when it says more than the reason's code. */
    public ValidationException(RejectReason reason, String rejectString, String detail) {
        super(rejectString + ": " + reason.message() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.reason = reason;
        this.rejectString = rejectString;
    }

    public RejectReason reason() {
        return reason;
    }

    /** Core's reject reason string, as RPC answers and reject messages carry it. */
    public String rejectString() {
        return rejectString;
    }
}
