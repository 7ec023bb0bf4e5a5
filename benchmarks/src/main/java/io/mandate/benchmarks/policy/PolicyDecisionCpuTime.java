package io.mandate.benchmarks.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scenarios of {@link PolicyDecisionBenchmark}, timed in thread CPU time instead of wall time.
 * On a shared machine whose cores are oversubscribed (CI, parallel builds) JMH's wall-clock scores
 * grow with the load; the CPU a decision costs does not. Reports the best of five rounds.
 *
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.mandate.benchmarks.policy.PolicyDecisionCpuTime}
 */
public final class PolicyDecisionCpuTime {
    private static final int CALLS_PER_ROUND = 2_000_000;

    private PolicyDecisionCpuTime() {
    }

    public static void main(String[] args) {
        PolicyDecisionBenchmark b = new PolicyDecisionBenchmark();
        b.setUp();
        Map<String, Supplier<Object>> scenarios = new LinkedHashMap<>();
        scenarios.put("exampleAllowJdbc", b::exampleAllowJdbc);
        scenarios.put("exampleAllowJdbcConditional", b::exampleAllowJdbcConditional);
        scenarios.put("exampleDenyJdbc", b::exampleDenyJdbc);
        scenarios.put("exampleDefaultDenyJdbc", b::exampleDefaultDenyJdbc);
        scenarios.put("exampleAllowFile", b::exampleAllowFile);
        scenarios.put("exampleDenyProcess", b::exampleDenyProcess);
        scenarios.put("exampleHttpRateLimited", b::exampleHttpRateLimited);
        scenarios.put("exampleHttpFreshUrl", b::exampleHttpFreshUrl);
        scenarios.put("large1000AllowJdbc", b::large1000AllowJdbc);
        scenarios.put("large1000DenyJdbc", b::large1000DenyJdbc);
        scenarios.put("large1000DefaultDenyHttp", b::large1000DefaultDenyHttp);
        scenarios.put("large1000FileScan", b::large1000FileScan);
        scenarios.put("large1000FileScanUnseen", b::large1000FileScanUnseen);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (Map.Entry<String, Supplier<Object>> s : scenarios.entrySet()) {
            Supplier<Object> call = s.getValue();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    sink += System.identityHashCode(call.get()) & 1;
                }
                double nanos = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS_PER_ROUND;
                if (round > 0) { // round 0 warms up
                    best = Math.min(best, nanos);
                }
            }
            System.out.printf("%-30s %8.1f ns CPU per decision  %,12.0f decisions/s per core%n", s.getKey(), best, 1e9 / best);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 5; i++) {
            sink += b.load10000Rules().ok() ? 1 : 0;
        }
        System.out.printf("%-30s %8.1f ms CPU per load (5 loads, cold JIT included)%n", "load10000Rules",
                (threads.getCurrentThreadCpuTime() - start) / 5e6);
        if (sink == 42) {
            System.out.println();
        }
    }
}
