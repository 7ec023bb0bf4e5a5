package io.mandate.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioVerdictTest {
    private static final Configuration PLAIN = new Configuration("none", "no agent", Database.H2_IN_MEMORY,
            AgentUnderTest.NONE, List.of(), true, false);
    private static final Configuration MANDATE = new Configuration("mandate-enforce", "Mandate enforce, in chain",
            Database.H2_IN_MEMORY, AgentUnderTest.MANDATE, List.of("-javaagent:mandate-agent.jar"), true, true);

    private static ForkOutcome fork(Configuration configuration, int round, double nanosPerCall, boolean settled) {
        List<Double> batches = List.of(nanosPerCall, nanosPerCall, nanosPerCall);
        LoopResult.ScenarioSeries http = new LoopResult.ScenarioSeries(List.of(nanosPerCall * 2), batches, batches,
                batches, settled ? 9_000 : 15_000, 6_000, settled, settled ? 10 : 400);
        LoopResult result = new LoopResult(0, 0, 0, "17", true, 1000, List.of(), List.of(800.0), List.of(800.0),
                List.of(800.0), 0, 0, 0, 0, 0, 0, Map.of(Scenario.HTTP_GET.id(), http), Map.of(), null, List.of());
        return new ForkOutcome(configuration, round, 0, result, "", Path.of("output.log"));
    }

    private static String verdict(boolean plainSettled, boolean mandateSettled, double mandateNanos) {
        List<ForkOutcome> plain = List.of(fork(PLAIN, 1, 200_000, plainSettled), fork(PLAIN, 2, 200_000, true));
        List<ForkOutcome> mandate = List.of(fork(MANDATE, 1, mandateNanos, mandateSettled), fork(MANDATE, 2, mandateNanos, true));
        return ResultsTable.scenarioGoal(ScenarioFigures.of(Scenario.HTTP_GET, MANDATE, mandate, plain));
    }

    @Test
    void settledForksAreJudgedAgainstTheGoal() {
        assertEquals("≤ ×1.05 ✓", verdict(true, true, 208_000));
        assertEquals("≤ ×1.05 ✗", verdict(true, true, 214_000));
    }

    @Test
    void aForkStillCompilingWhenMeasuredGetsNoVerdict() {
        assertEquals("not settled", verdict(true, false, 208_000));
        // the no-agent forks are half of the ratio: an unsettled baseline spoils it as much
        assertEquals("not settled", verdict(false, true, 214_000));
    }
}
