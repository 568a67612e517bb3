package org.nakamoto.chain.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.consensus.RejectReason;

/**
 * Runs the block and transaction scenario tables, and checks that together they assert every
 * {@link RejectReason}: a reason no row asserts is a rule no scenario proves fires.
 */
class ScenarioSuiteTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> blockScenarios() {
        return run(BlockScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> transactionScenarios() {
        return run(TxScenarios.all());
    }

    private Stream<DynamicTest> run(List<Scenario> scenarios) {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name(),
                () -> ScenarioRunner.run(s, tmp.resolve(s.name().replaceAll("[^A-Za-z0-9]+", "-")))));
    }

    @Test
    void everyRejectReasonIsAssertedByARow() {
        EnumSet<RejectReason> asserted = EnumSet.noneOf(RejectReason.class);
        List<Scenario> all = new ArrayList<>(BlockScenarios.all());
        all.addAll(TxScenarios.all());
        for (Scenario s : all) {
            for (Step step : s.steps()) {
                if (step.asserted() != null) {
                    asserted.add(step.asserted());
                }
            }
        }
        Set<RejectReason> missing = EnumSet.complementOf(asserted);
        assertTrue(missing.isEmpty(), "reject reasons no scenario row asserts: " + missing);
        assertEquals(RejectReason.values().length, asserted.size());
    }
}
