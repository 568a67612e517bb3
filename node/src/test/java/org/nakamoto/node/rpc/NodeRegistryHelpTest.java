package org.nakamoto.node.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nakamoto.node.NodeContext;
import org.nakamoto.node.api.NodeRpc;

/**
 * Core's rule on the REAL registry nakamotod serves: every method has help (summary, result, a described
 * and documented parameter list), or the build fails. Built from a context of nulls: handlers are not run.
 */
class NodeRegistryHelpTest {
    @Test
    void everyNodeMethodHasHelp() throws Exception {
        RpcRegistry r = NodeRpc.registerAll(new RpcRegistry(),
                new NodeContext(null, null, null, null, null, null, null, null, null, null));
        assertTrue(r.all().size() >= 37, "every documented nakamotod method is registered: " + r.all().size());
        RpcMethod help = r.find("help").orElseThrow();
        for (RpcMethod m : r.all()) {
            var args = RpcJson.MAPPER.createArrayNode().add(m.name());
            String text = (String) help.handler().handle(ParamBinder.bind(help, args));
            assertTrue(text.startsWith(RpcHelp.usage(m) + "\n\n"), m.name());
            assertFalse(m.summary().isBlank(), m.name());
            assertFalse(m.result().isBlank(), m.name());
            assertFalse(m.examples().isEmpty(), m.name() + " has an example");
            for (int i = 0; i < m.params().size(); i++) {
                RpcParam p = m.params().get(i);
                assertFalse(p.description().isBlank(), m.name() + " " + p.name());
                assertTrue(text.contains((i + 1) + ". " + p.name() + " "), m.name() + " documents " + p.name());
            }
        }
    }
}
