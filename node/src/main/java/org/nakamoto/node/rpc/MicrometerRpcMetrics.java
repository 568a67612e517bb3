package org.nakamoto.node.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records each call in a Micrometer timer {@code nakamoto.rpc.calls} tagged with the method and an
 * outcome of "success" or "error". Micrometer registries are thread-safe and cache meters by id.
 */
public final class MicrometerRpcMetrics implements RpcMetrics {
    public static final String TIMER = "nakamoto.rpc.calls";
    private final MeterRegistry registry;

    public MicrometerRpcMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(String method, long nanos, boolean success) {
        Timer.builder(TIMER)
                .description("JSON-RPC calls by method and outcome")
                .tag("method", method)
                .tag("outcome", success ? "success" : "error")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
