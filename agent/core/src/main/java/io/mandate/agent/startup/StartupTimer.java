package io.mandate.agent.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Where the agent's start spent its time, shown with -Dmandate.debug=true: wall time, and the
 * starting thread's CPU time, which stays meaningful on a loaded machine.
 */
final class StartupTimer {
    private final long startNanos;
    private final StringBuilder phases = new StringBuilder();
    private final ThreadMXBean threads;
    private long phaseStartNanos;
    private long phaseStartCpuNanos;

    StartupTimer(long startNanos, boolean measureCpu) {
        this.startNanos = startNanos;
        this.threads = measureCpu ? ManagementFactory.getThreadMXBean() : null;
        this.phaseStartNanos = System.nanoTime();
        this.phaseStartCpuNanos = cpuNanos();
        phases.append("launch ").append(TimeUnit.NANOSECONDS.toMillis(phaseStartNanos - startNanos)).append(" ms");
    }

    void phase(String name) {
        long now = System.nanoTime();
        long cpu = cpuNanos();
        phases.append(", ").append(name).append(' ').append(TimeUnit.NANOSECONDS.toMillis(now - phaseStartNanos))
                .append(" ms");
        if (threads != null) {
            phases.append(" (cpu ").append(TimeUnit.NANOSECONDS.toMillis(cpu - phaseStartCpuNanos)).append(" ms)");
        }
        phaseStartNanos = now;
        phaseStartCpuNanos = cpu;
    }

    long totalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private long cpuNanos() {
        return threads == null ? 0 : threads.getCurrentThreadCpuTime();
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
