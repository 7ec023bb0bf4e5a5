package io.mandate.benchmarks.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the table says about one configuration, next to its database's no-agent baseline.
 *
 * <p>Per-call figures pool every measured batch of every fork. The added cost is the difference
 * of the pooled medians; its spread comes from rounds: each round runs every configuration once,
 * back to back, so the difference within a round is the least disturbed by other load on the
 * machine, and the range of those differences says how far to trust the headline.
 */
record ConfigurationFigures(
        Configuration configuration,
        int forks,
        List<String> failures,
        Quantiles nanosPerCall,
        Quantiles roundDifferences,
        double addedNanosPerCall,
        double ratioToBaseline,
        double addedThreadCpuNanosPerCall,
        double addedProcessCpuNanosPerCall,
        Quantiles launchToMainMillis,
        double addedStartupMillis,
        Quantiles cpuAtMainMillis,
        double addedCpuAtMainMillis,
        Quantiles peakRssMib,
        double addedPeakRssMib,
        Quantiles retainedMib,
        double addedRetainedMib,
        String denyProbe) {

    private static final double MIB = 1024.0 * 1024.0;

    static ConfigurationFigures of(Configuration configuration, List<ForkOutcome> outcomes, List<ForkOutcome> baseline) {
        List<ForkOutcome> good = outcomes.stream().filter(ForkOutcome::succeeded).toList();
        List<String> failures = outcomes.stream().filter(o -> !o.succeeded())
                .map(o -> "round " + o.round() + ": " + o.failure()).toList();
        List<ForkOutcome> goodBaseline = baseline.stream().filter(ForkOutcome::succeeded).toList();

        Quantiles perCall = Quantiles.of(allBatches(good, LoopResult::measuredNanosPerCall));
        Quantiles basePerCall = Quantiles.of(allBatches(goodBaseline, LoopResult::measuredNanosPerCall));
        double addedThreadCpu = addedMedian(good, goodBaseline, LoopResult::measuredThreadCpuNanosPerCall);
        double addedProcessCpu = addedMedian(good, goodBaseline, LoopResult::measuredProcessCpuNanosPerCall);
        Quantiles cpuAtMain = Quantiles.of(good.stream().map(o -> o.result().cpuAtMainMillis()).toList());
        Quantiles baseCpuAtMain = Quantiles.of(goodBaseline.stream().map(o -> o.result().cpuAtMainMillis()).toList());
        Quantiles startup = Quantiles.of(good.stream().map(ForkOutcome::launchToMainMillis).toList());
        Quantiles baseStartup = Quantiles.of(goodBaseline.stream().map(ForkOutcome::launchToMainMillis).toList());
        Quantiles rss = Quantiles.of(good.stream().map(o -> o.result().peakRssKib() / 1024.0).toList());
        Quantiles baseRss = Quantiles.of(goodBaseline.stream().map(o -> o.result().peakRssKib() / 1024.0).toList());
        Quantiles retained = Quantiles.of(good.stream().map(ConfigurationFigures::retainedMib).toList());
        Quantiles baseRetained = Quantiles.of(goodBaseline.stream().map(ConfigurationFigures::retainedMib).toList());

        return new ConfigurationFigures(configuration, outcomes.size(), failures,
                perCall, roundDifferences(good, goodBaseline, LoopResult::measuredNanosPerCall),
                perCall.median() - basePerCall.median(), perCall.median() / basePerCall.median(),
                addedThreadCpu, addedProcessCpu,
                startup, startup.median() - baseStartup.median(),
                cpuAtMain, cpuAtMain.median() - baseCpuAtMain.median(),
                rss, rss.median() - baseRss.median(),
                retained, retained.median() - baseRetained.median(),
                denyProbe(good));
    }

    static List<Double> allBatches(List<ForkOutcome> outcomes, Function<LoopResult, List<Double>> metric) {
        List<Double> batches = new ArrayList<>();
        outcomes.forEach(o -> batches.addAll(metric.apply(o.result())));
        return batches;
    }

    private static double addedMedian(List<ForkOutcome> outcomes, List<ForkOutcome> baseline,
                                      Function<LoopResult, List<Double>> metric) {
        return Quantiles.of(allBatches(outcomes, metric)).median() - Quantiles.of(allBatches(baseline, metric)).median();
    }

    /**
     * Per round, this configuration's fork median minus the baseline's fork median of the same
     * round: back-to-back forks share the machine's state, so these differences show the spread.
     */
    static Quantiles roundDifferences(List<ForkOutcome> outcomes, List<ForkOutcome> baseline,
                                      Function<LoopResult, List<Double>> metric) {
        Map<Integer, Double> baselineByRound = new HashMap<>();
        baseline.forEach(b -> baselineByRound.put(b.round(), Quantiles.of(metric.apply(b.result())).median()));
        List<Double> differences = new ArrayList<>();
        for (ForkOutcome outcome : outcomes) {
            Double base = baselineByRound.get(outcome.round());
            List<Double> batches = metric.apply(outcome.result());
            if (base != null && !batches.isEmpty() && !base.isNaN()) {
                differences.add(Quantiles.of(batches).median() - base);
            }
        }
        return Quantiles.of(differences);
    }

    /** Heap and metaspace still in use after a full GC: what an agent keeps alive, not what it churns. */
    private static double retainedMib(ForkOutcome outcome) {
        return (outcome.result().heapUsedAfterGcBytes() + outcome.result().metaspaceUsedBytes()) / MIB;
    }

    private static String denyProbe(List<ForkOutcome> outcomes) {
        long denied = outcomes.stream().filter(o -> o.result().denyProbe().denied()).count();
        if (outcomes.isEmpty()) {
            return "-";
        }
        return denied == outcomes.size() ? "denied" : denied == 0 ? "reached driver" : denied + "/" + outcomes.size() + " denied";
    }

    boolean measured() {
        return !nanosPerCall.isEmpty();
    }
}
