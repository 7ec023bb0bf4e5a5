package io.mandate.agent.enforcement;

/**
 * Wall-clock nanoseconds for journal timestamps at the cost of {@link System#nanoTime()}: the
 * offset between the two clocks is taken once, so timestamps keep nanosecond order within a run
 * (and do not jump with NTP corrections), at the price of a slow drift from wall time.
 */
public final class EpochClock {
    private final long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    public long epochNanos(long nanoTime) {
        return nanoTime + offset;
    }
}
