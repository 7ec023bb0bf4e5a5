package io.mandate.agent.instrumentation.net.runtime;

/**
 * Wall-clock nanoseconds for journal timestamps at the cost of {@link System#nanoTime()}: the
 * offset between the clocks is read once, so a run's timestamps keep their order and do not jump
 * with clock corrections.
 */
final class WallClock {
    private final long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    long epochNanos(long nanoTime) {
        return nanoTime + offset;
    }
}
