package org.nakamoto.chain.store;

/** What is known about a block in the index, as bit flags so one byte stores them. */
public final class BlockStatus {
    /** The header passed its checks in context. */
    public static final int HEADER_VALID = 1;
    /** The body is stored. */
    public static final int HAVE_DATA = 2;
    /** The block was connected to the UTXO set at least once, so all its rules passed. */
    public static final int VALID = 4;
    /** The block itself broke a rule. */
    public static final int FAILED = 8;
    /** An ancestor broke a rule. */
    public static final int FAILED_PARENT = 16;

    private BlockStatus() {
    }

    public static boolean has(int status, int flag) {
        return (status & flag) != 0;
    }

    public static boolean isFailed(int status) {
        return (status & (FAILED | FAILED_PARENT)) != 0;
    }
}
