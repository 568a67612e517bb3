package org.nakamoto.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class RpcHelpTest {
    private final RpcRegistry registry = DemoMethods.registry();

    /** Core's rule: a method without help, or with an undocumented parameter, fails the build. */
    @Test
    void everyRegisteredMethodHasHelpAndDocumentedParams() throws Exception {
        RpcRegistry production = new RpcRegistry(); // what nakamotod starts from
        for (RpcRegistry r : new RpcRegistry[] {production, registry}) {
            for (RpcMethod m : r.all()) {
                String help = (String) call(r, "help", m.name());
                assertFalse(help.isBlank(), m.name());
                assertTrue(help.startsWith(RpcHelp.usage(m) + "\n\n"), m.name());
                assertFalse(m.summary().isBlank(), m.name());
                assertFalse(m.result().isBlank(), m.name());
                for (int i = 0; i < m.params().size(); i++) {
                    RpcParam p = m.params().get(i);
                    assertFalse(p.description().isBlank(), m.name() + " " + p.name());
                    assertTrue(help.contains((i + 1) + ". " + p.name() + " "), m.name() + " documents " + p.name());
                }
            }
        }
    }

    @Test
    void methodHelpHasCoresLayout() {
        String help = RpcHelp.methodHelp(registry.find("echo").orElseThrow());
        assertEquals("""
                echo "message" ( repeat )

                Returns the message, repeated.

                Arguments:
                1. message    (string, required) The text to return
                2. repeat     (numeric, optional, default=1) How many times

                Result:
                "text"    (string) The message

                Examples:
                > nakamoto-cli echo hello
                > curl --user myusername --data-binary '{"jsonrpc": "2.0", "id": "curltest", "method": "echo", \
                "params": ["hello"]}' -H 'content-type: application/json' http://127.0.0.1:28443/
                > nakamoto-cli echo hello 3
                > curl --user myusername --data-binary '{"jsonrpc": "2.0", "id": "curltest", "method": "echo", \
                "params": ["hello",3]}' -H 'content-type: application/json' http://127.0.0.1:28443/""", help);
    }

    @Test
    void overviewGroupsByCategoryAndHidesHidden() throws Exception {
        String all = (String) call(registry, "help");
        assertEquals("""
                == Control ==
                help ( "command" )
                uptime

                == Util ==
                echo "message" ( repeat )
                typed count ( flag amount "hash" "data" options items )""", all);
        assertTrue(((String) call(registry, "help", "sleep")).startsWith("sleep millis\n"), "hidden still has help");
    }

    @Test
    void helpOnAnUnknownCommandIsAResultNotAnError() throws Exception {
        assertEquals("help: unknown command: nosuch", call(registry, "help", "nosuch"));
    }

    @Test
    void declarationsAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> RpcMethod.builder("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> RpcMethod.builder("x").category(RpcCategory.UTIL)
                .summary("s").result("r").handler(p -> null)
                .param(RpcParam.optional("a", ParamType.NUMBER, null, "d"))
                .param(RpcParam.required("b", ParamType.NUMBER, "d")));
        assertThrows(IllegalArgumentException.class, () -> RpcParam.required("a", ParamType.NUMBER, " "));
        assertThrows(IllegalArgumentException.class, () -> RpcMethod.builder("x").category(RpcCategory.UTIL)
                .result("r").handler(p -> null).build(), "summary is required");
        assertThrows(IllegalArgumentException.class, () -> RpcMethod.builder("x").category(RpcCategory.UTIL)
                .summary("s").result("r").handler(p -> null)
                .param(RpcParam.optional("n", ParamType.NUMBER, TextNode.valueOf("one"), "d")).build(),
                "a default of the wrong type");
        assertThrows(IllegalArgumentException.class, () -> registry.register(RpcMethod.builder("echo")
                .category(RpcCategory.UTIL).summary("s").result("r").handler(p -> null)
                .param(RpcParam.optional("n", ParamType.NUMBER, IntNode.valueOf(1), "d")).build()),
                "duplicate method name");
    }

    private static Object call(RpcRegistry r, String method, String... args) throws Exception {
        var params = RpcJson.MAPPER.createArrayNode();
        for (String a : args) {
            params.add(a);
        }
        RpcMethod m = r.find(method).orElseThrow();
        return m.handler().handle(ParamBinder.bind(m, params));
    }
}
