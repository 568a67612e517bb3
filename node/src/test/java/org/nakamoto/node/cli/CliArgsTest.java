package org.nakamoto.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgsTest {
    @Test
    void positionalValuesAreJsonOrStrings() {
        assertEquals("[1000,true,\"abc\",[1,2],{\"a\":null},\"00ff\",\"1 2\",\"\"]",
                CliArgs.positional(List.of("1000", "true", "abc", "[1,2]", "{\"a\":null}", "00ff", "1 2", "")).toString());
    }

    @Test
    void namedValuesAndLeadingPositionals() throws Exception {
        assertEquals("{\"b\":2,\"c\":\"x=y\",\"args\":[\"a\"]}",
                CliArgs.named(List.of("a", "b=2", "c=x=y")).toString());
        assertThrows(CliException.class, () -> CliArgs.named(List.of("b=1", "b=2")));
    }
}
