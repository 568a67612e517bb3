package org.nakamoto.node.rpc;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.nakamoto.chain.codec.Hex;

/** Test-only methods exercising the framework; nakamoto ships no demo methods. */
final class DemoMethods {
    private DemoMethods() {
    }

    static final AtomicInteger NOTIFIED = new AtomicInteger();

    static RpcRegistry registry() {
        RpcRegistry r = new RpcRegistry();
        long started = System.nanoTime();
        r.register(RpcMethod.builder("echo")
                .category(RpcCategory.UTIL)
                .summary("Returns the message, repeated.")
                .param(RpcParam.required("message", ParamType.STRING, "The text to return"))
                .param(RpcParam.optional("repeat", ParamType.NUMBER, IntNode.valueOf(1), "How many times"))
                .result("\"text\"    (string) The message")
                .example("hello")
                .example("hello", "3")
                .handler(p -> p.getString("message").repeat(p.getInt("repeat")))
                .build());
        r.register(RpcMethod.builder("uptime")
                .category(RpcCategory.CONTROL)
                .summary("Returns the seconds since the test server started.")
                .result("n    (numeric) Seconds")
                .handler(p -> (System.nanoTime() - started) / 1_000_000_000L)
                .build());
        r.register(RpcMethod.builder("typed")
                .category(RpcCategory.UTIL)
                .summary("Echoes typed parameters.")
                .param(RpcParam.required("count", ParamType.NUMBER, "A number"))
                .param(RpcParam.optional("flag", ParamType.BOOLEAN, null, "A boolean"))
                .param(RpcParam.optional("amount", ParamType.AMOUNT, null, "An amount"))
                .param(RpcParam.optional("hash", ParamType.HASH, null, "A block hash"))
                .param(RpcParam.optional("data", ParamType.HEX, null, "Some bytes"))
                .param(RpcParam.optional("options", ParamType.OBJECT, null, "An object"))
                .param(RpcParam.optional("items", ParamType.ARRAY, null, "An array"))
                .result("{...}    (json object) The values as the handler saw them")
                .handler(p -> {
                    ObjectNode o = RpcJson.MAPPER.createObjectNode();
                    o.put("count", p.getLong("count"));
                    if (p.has("flag")) {
                        o.put("flag", p.getBoolean("flag"));
                    }
                    if (p.has("amount")) {
                        o.put("sats", p.getAmount("amount").sat());
                        o.putPOJO("coins", p.getAmount("amount"));
                    }
                    if (p.has("hash")) {
                        o.putPOJO("hash", p.getHash("hash"));
                    }
                    if (p.has("data")) {
                        o.put("data", Hex.encode(p.getHex("data")));
                    }
                    if (p.has("options")) {
                        o.set("options", p.getObject("options"));
                    }
                    if (p.has("items")) {
                        o.put("items", p.getArray("items").size());
                    }
                    return o;
                })
                .build());
        r.register(RpcMethod.builder("sleep")
                .category(RpcCategory.HIDDEN)
                .summary("Sleeps, to test that slow handlers block nobody.")
                .param(RpcParam.required("millis", ParamType.NUMBER, "How long"))
                .result("\"slept\"    (string)")
                .handler(p -> {
                    Thread.sleep(p.getLong("millis"));
                    return "slept";
                })
                .build());
        r.register(RpcMethod.builder("fail")
                .category(RpcCategory.HIDDEN)
                .summary("Throws a bug.")
                .result("nothing")
                .handler(p -> {
                    // What a damaged store once let through to the caller: a class name and a path.
                    throw new java.io.UncheckedIOException(new java.io.IOException(
                            "org.iq80.leveldb.DBException: /home/alice/.nakamoto/chain/000123.ldb: Corruption"));
                })
                .build());
        r.register(RpcMethod.builder("reject")
                .category(RpcCategory.HIDDEN)
                .summary("Refuses with -8.")
                .result("nothing")
                .handler(p -> {
                    throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "bad thing");
                })
                .build());
        r.register(RpcMethod.builder("nothing")
                .category(RpcCategory.HIDDEN)
                .summary("Returns null.")
                .result("null    (json null)")
                .handler(p -> null)
                .build());
        r.register(RpcMethod.builder("notify")
                .category(RpcCategory.HIDDEN)
                .summary("Counts its calls, to see notifications run.")
                .result("n    (numeric) The count")
                .handler(p -> NOTIFIED.incrementAndGet())
                .build());
        return r;
    }
}
