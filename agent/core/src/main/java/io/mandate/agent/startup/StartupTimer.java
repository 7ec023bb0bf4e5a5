package io.mandate.agent.startup;

import java.util.concurrent.TimeUnit;

/** Where the agent's start spent its time, shown with -Dmandate.debug=true. */
final class StartupTimer {
    private final long startNanos;
    private final StringBuilder phases = new StringBuilder();
    private long phaseStartNanos;

    StartupTimer(long startNanos) {
        this.startNanos = startNanos;
        this.phaseStartNanos = System.nanoTime();
        phases.append("launch ").append(TimeUnit.NANOSECONDS.toMillis(phaseStartNanos - startNanos)).append(" ms");
    }

    void phase(String name) {
        long now = System.nanoTime();
        phases.append(", ").append(name).append(' ').append(TimeUnit.NANOSECONDS.toMillis(now - phaseStartNanos))
                .append(" ms");
        phaseStartNanos = now;
    }

    long totalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
