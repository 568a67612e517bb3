package org.nakamoto.node.rpc;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Core's RPC warm-up: while the node is still loading, every call, {@code help} and {@code stop}
 * included (Core's CRPCTable::execute checks before even looking the method up), is refused with
 * RPC_IN_WARMUP (-28) and the current status text, e.g. "Loading block index…". Clients such as
 * {@code nakamoto-cli -rpcwait} retry on -28. Not warming up until {@link #begin} is called.
 * The status is an AtomicReference: set by the start-up thread, read by RPC workers.
 */
public final class RpcWarmup {
    private final AtomicReference<String> status = new AtomicReference<>();

    /** Enters (or stays in) warm-up with this status text; call again to update the text. */
    public void begin(String statusText) {
        status.set(statusText == null ? "Loading..." : statusText);
    }

    public void finish() {
        status.set(null);
    }

    /** The status text while warming up, null once finished. */
    public String status() {
        return status.get();
    }
}
