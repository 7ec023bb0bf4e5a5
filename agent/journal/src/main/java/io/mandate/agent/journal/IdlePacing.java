package io.mandate.agent.journal;

/**
 * How long the journal writer sleeps once it has emptied the ring. It sleeps long enough for a
 * quarter of the ring to fill at the rate events arrived since its last sleep, within
 * [{@code minNanos}, {@code maxNanos}]: a sparse stream (an HTTP call every 200 µs) then wakes it
 * about once per {@code maxNanos}, not several times per event, and a dense one is taken in
 * batches. Each wake-up costs a context switch that, on a 2-core machine, the application pays for.
 * Producers never wake the writer on their fast path; one facing a full ring does (see
 * ChronicleJournal), so a burst faster than this estimate only costs that burst a short wait.
 */
final class IdlePacing {
    private final long quarterRing;
    private final long minNanos;
    private final long maxNanos;

    IdlePacing(int ringCapacity, long minNanos, long maxNanos) {
        this.quarterRing = Math.max(1, ringCapacity / 4);
        this.minNanos = Math.min(minNanos, maxNanos);
        this.maxNanos = maxNanos;
    }

    /**
     * The next sleep, given the events taken and the nanoseconds elapsed since the previous sleep
     * began (the sleep included).
     */
    long nextPark(long eventsTaken, long elapsedNanos) {
        if (eventsTaken <= 0 || elapsedNanos <= 0) {
            return maxNanos;
        }
        // elapsed * quarter / taken, without overflow for elapsed up to hours
        double nanosToFillQuarter = (double) elapsedNanos * quarterRing / eventsTaken;
        if (nanosToFillQuarter >= maxNanos) {
            return maxNanos;
        }
        return Math.max(minNanos, (long) nanosToFillQuarter);
    }
}
