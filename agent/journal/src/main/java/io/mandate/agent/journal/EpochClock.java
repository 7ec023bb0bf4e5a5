package io.mandate.agent.journal;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch, at the platform clock's resolution. */
final class EpochClock {
    private EpochClock() {
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
