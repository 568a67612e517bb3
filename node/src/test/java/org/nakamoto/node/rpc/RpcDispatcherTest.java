package org.nakamoto.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol without HTTP. */
class RpcDispatcherTest {
    private final RpcWarmup warmup = new RpcWarmup();
    private final List<String> recorded = new ArrayList<>();
    private final RpcDispatcher dispatcher = new RpcDispatcher(DemoMethods.registry(), warmup,
            (method, nanos, ok) -> recorded.add(method + ":" + ok + ":" + (nanos >= 0)));

    @Test
    void metricsSeeEveryExecutedCallOfAKnownMethod() {
        handle("{\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]}");
        handle("{\"id\":1,\"method\":\"reject\"}");
        handle("{\"id\":1,\"method\":\"echo\",\"params\":[]}");
        handle("{\"id\":1,\"method\":\"nosuch\"}");
        assertEquals(List.of("echo:true:true", "reject:false:true", "echo:false:true"), recorded);
    }

    @Test
    void micrometerTimersAreTaggedByMethodAndOutcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RpcDispatcher d = new RpcDispatcher(DemoMethods.registry(), warmup, new MicrometerRpcMetrics(meters));
        d.handle(bytes("{\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]}"));
        d.handle(bytes("{\"id\":1,\"method\":\"echo\",\"params\":[\"b\"]}"));
        d.handle(bytes("{\"id\":1,\"method\":\"fail\"}"));
        Timer ok = meters.find(MicrometerRpcMetrics.TIMER).tags("method", "echo", "outcome", "success").timer();
        Timer failed = meters.find(MicrometerRpcMetrics.TIMER).tags("method", "fail", "outcome", "error").timer();
        assertEquals(2, ok.count());
        assertEquals(1, failed.count());
    }

    @Test
    void aFailingMetricsHookCostsNothing() {
        RpcDispatcher d = new RpcDispatcher(DemoMethods.registry(), warmup, (m, n, ok) -> {
            throw new IllegalStateException("metrics down");
        });
        HttpReply r = d.handle(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":\"a\",\"id\":1}\n", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void modelObjectsSerialiseAsCoreShowsThem() throws Exception {
        String hash = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
        HttpReply reply = handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"typed\",\"params\":[1,null,0.00000001,\""
                + hash + "\"]}");
        assertTrue(new String(reply.body(), StandardCharsets.UTF_8).contains("\"coins\":0.00000001"),
                "plain decimal, 8 places");
        JsonNode r = json(reply);
        assertEquals(hash, r.at("/result/hash").asText());
    }

    @Test
    void legacyErrorStatuses() {
        assertEquals(400, handle("{\"id\":1}").status());
        assertEquals(404, handle("{\"id\":1,\"method\":\"nosuch\"}").status());
        assertEquals(500, handle("{\"id\":1,\"method\":\"echo\",\"params\":[1]}").status());
        assertEquals(500, handle("{\"id\":1,\"method\":\"fail\"}").status());
        assertEquals(200, handle("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"x\"]}").status());
    }

    @Test
    void malformedVersion2RequestsStillGetAnHttpErrorLikeCore() throws Exception {
        HttpReply r = handle("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}");
        assertEquals(400, r.status());
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Method must be a string\"},\"id\":5}\n",
                new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void warmupAppliesInsideBatchesToo() throws Exception {
        warmup.begin("Verifying blocks…");
        JsonNode a = json(handle("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"help\"}]"));
        assertEquals(-28, a.get(0).at("/error/code").asInt());
        assertEquals("Verifying blocks…", a.get(0).at("/error/message").asText());
        assertTrue(recorded.isEmpty(), "nothing executed");
        warmup.finish();
        assertNull(warmup.status());
    }

    private HttpReply handle(String body) {
        return dispatcher.handle(bytes(body));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpReply r) throws Exception {
        return RpcJson.MAPPER.readTree(r.body());
    }
}
