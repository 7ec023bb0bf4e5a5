package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdlePacingTest {
    private static final long MIN = 20_000;
    private static final long MAX = 1_000_000;
    private final IdlePacing pacing = new IdlePacing(4_096, MIN, MAX);

    @Test
    void anIdleRingSleepsTheLongestPark() {
        assertEquals(MAX, pacing.nextPark(0, 5_000_000));
    }

    @Test
    void aSparseStreamSleepsTheLongestParkInsteadOfWakingPerEvent() {
        // one HTTP call every 200 µs: 5 events in 1 ms would take 200 ms to fill a quarter ring
        assertEquals(MAX, pacing.nextPark(5, 1_000_000));
    }

    @Test
    void aDenseStreamSleepsUntilAboutAQuarterOfTheRingHasArrived() {
        // 4,096 events in 1 ms: a quarter ring (1,024) arrives in 250 µs
        assertEquals(250_000, pacing.nextPark(4_096, 1_000_000));
    }

    @Test
    void aBurstNeverMakesTheWriterSpinBelowTheShortestPark() {
        assertEquals(MIN, pacing.nextPark(1_000_000, 1_000_000));
    }

    @Test
    void aTinyRingStillSleepsAtLeastTheShortestPark() {
        IdlePacing tiny = new IdlePacing(2, MIN, MAX);
        assertEquals(MIN, tiny.nextPark(100, 100_000));
        assertEquals(MAX, tiny.nextPark(1, 10_000_000));
    }

    @Test
    void aLongestParkBelowTheShortestWins() {
        IdlePacing shortMax = new IdlePacing(4_096, MIN, 5_000);
        assertEquals(5_000, shortMax.nextPark(0, 1));
        assertEquals(5_000, shortMax.nextPark(1_000_000, 1_000_000));
    }
}
