package io.mandate.benchmarks.harness;

import java.util.List;
import java.util.function.Function;

/**
 * What the table says about one scenario (HTTP GET, file read, socket connect) under one
 * configuration, next to the same scenario in the no-agent forks of the same run.
 */
record ScenarioFigures(
        Scenario scenario,
        Configuration configuration,
        Quantiles nanosPerCall,
        Quantiles roundDifferences,
        double addedNanosPerCall,
        double ratioToBaseline,
        double addedThreadCpuNanosPerCall,
        Quantiles warmupSeconds,
        long settledForks,
        Quantiles measuredCompileMillis,
        boolean allSettled,
        String denyProbe) {

    static ScenarioFigures of(Scenario scenario, Configuration configuration, List<ForkOutcome> outcomes,
                              List<ForkOutcome> baseline) {
        List<ForkOutcome> good = outcomes.stream().filter(ForkOutcome::succeeded).toList();
        List<ForkOutcome> goodBaseline = baseline.stream().filter(ForkOutcome::succeeded).toList();
        Function<LoopResult, List<Double>> wall = r -> r.scenarioNanosPerCall(scenario);
        Function<LoopResult, List<Double>> threadCpu = r -> r.scenarioThreadCpuNanosPerCall(scenario);
        Quantiles perCall = Quantiles.of(ConfigurationFigures.allBatches(good, wall));
        Quantiles basePerCall = Quantiles.of(ConfigurationFigures.allBatches(goodBaseline, wall));
        double addedCpu = Quantiles.of(ConfigurationFigures.allBatches(good, threadCpu)).median()
                - Quantiles.of(ConfigurationFigures.allBatches(goodBaseline, threadCpu)).median();
        List<LoopResult.ScenarioSeries> series = series(scenario, good);
        List<LoopResult.ScenarioSeries> baseSeries = series(scenario, goodBaseline);
        boolean allSettled = !series.isEmpty() && !baseSeries.isEmpty()
                && series.stream().allMatch(LoopResult.ScenarioSeries::warmupSettled)
                && baseSeries.stream().allMatch(LoopResult.ScenarioSeries::warmupSettled);
        return new ScenarioFigures(scenario, configuration, perCall,
                ConfigurationFigures.roundDifferences(good, goodBaseline, wall),
                perCall.median() - basePerCall.median(), perCall.median() / basePerCall.median(), addedCpu,
                Quantiles.of(series.stream().map(s -> s.warmupMillis() / 1000.0).toList()),
                series.stream().filter(LoopResult.ScenarioSeries::warmupSettled).count(),
                Quantiles.of(series.stream().map(s -> (double) s.measuredCompileMillis()).toList()),
                allSettled, denyProbe(scenario, good));
    }

    private static List<LoopResult.ScenarioSeries> series(Scenario scenario, List<ForkOutcome> forks) {
        return forks.stream()
                .map(f -> f.result().scenario(scenario)).filter(java.util.Objects::nonNull).toList();
    }

    /** "denied" when every fork's denied twin of the call was refused by policy, else what happened. */
    private static String denyProbe(Scenario scenario, List<ForkOutcome> forks) {
        List<String> outcomes = forks.stream()
                .map(f -> f.result().scenarioProbes() == null ? null : f.result().scenarioProbes().get(scenario.id()))
                .filter(java.util.Objects::nonNull).distinct().toList();
        return outcomes.isEmpty() ? "—" : String.join(" / ", outcomes);
    }

    boolean measured() {
        return !nanosPerCall.isEmpty();
    }
}
