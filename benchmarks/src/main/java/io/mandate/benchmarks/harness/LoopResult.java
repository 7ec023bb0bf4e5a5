package io.mandate.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** The JSON one app JVM wrote (see io.mandate.benchmarks.apps.LoopReport). */
@JsonIgnoreProperties(ignoreUnknown = true)
record LoopResult(
        long mainEnteredEpochMillis,
        long jvmUptimeAtMainMillis,
        long cpuAtMainMillis,
        String javaVersion,
        boolean insideChain,
        long batchMillis,
        List<Double> warmupNanosPerCall,
        List<Double> measuredNanosPerCall,
        List<Double> measuredThreadCpuNanosPerCall,
        List<Double> measuredProcessCpuNanosPerCall,
        long peakRssKib,
        long rssKib,
        long rssAnonymousKib,
        long rssFileKib,
        long heapUsedAfterGcBytes,
        long metaspaceUsedBytes,
        Map<String, ScenarioSeries> scenarios,
        Map<String, String> scenarioProbes,
        DenyProbe denyProbe,
        List<String> attachedAgents) {

    /** The batches of one scenario workload of the fork (see io.mandate.benchmarks.apps.TimedBatches). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScenarioSeries(
            List<Double> warmupNanosPerCall,
            List<Double> measuredNanosPerCall,
            List<Double> measuredThreadCpuNanosPerCall,
            List<Double> measuredProcessCpuNanosPerCall,
            long warmupMillis,
            long warmupCompileMillis,
            boolean warmupSettled,
            long measuredCompileMillis) {
    }

    /** The fork's series of one scenario, or null when it did not measure it. */
    ScenarioSeries scenario(Scenario scenario) {
        return scenarios == null ? null : scenarios.get(scenario.id());
    }

    /** The fork's batches of one scenario; empty when it did not measure it. */
    List<Double> scenarioNanosPerCall(Scenario scenario) {
        ScenarioSeries series = scenario(scenario);
        return series == null ? List.of() : series.measuredNanosPerCall();
    }

    /** The loop thread's CPU per call in the fork's batches of one scenario; empty when it did not measure it. */
    List<Double> scenarioThreadCpuNanosPerCall(Scenario scenario) {
        ScenarioSeries series = scenario(scenario);
        return series == null ? List.of() : series.measuredThreadCpuNanosPerCall();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DenyProbe(String outcome, String sqlState, String exceptionClass) {
        boolean denied() {
            return "denied".equals(outcome);
        }
    }
}
