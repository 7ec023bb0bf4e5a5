package io.mandate.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

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
        DenyProbe denyProbe,
        List<String> attachedAgents) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DenyProbe(String outcome, String sqlState, String exceptionClass) {
        boolean denied() {
            return "denied".equals(outcome);
        }
    }
}
