package io.mandate.benchmarks.apps;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmupSettlingTest {
    private static WarmupBatch batch(double nanosPerCall, long compileMillis) {
        return new WarmupBatch(nanosPerCall, 400, compileMillis);
    }

    @Test
    void batchesNoLongerGettingFasterWithAQuietCompilerAreSettled() {
        assertTrue(WarmupSettling.settled(List.of(batch(300, 200), batch(210, 15), batch(205, 9), batch(200, 0),
                batch(204, 20))));
    }

    @Test
    void noisyBatchesThatStoppedImprovingAreSettled() {
        // a loopback round trip: ±10% from batch to batch, no trend; the fastest (165) is never matched again
        assertTrue(WarmupSettling.settled(List.of(batch(210, 0), batch(165, 0), batch(214, 3), batch(190, 0),
                batch(186, 0), batch(206, 2))));
    }

    @Test
    void tooFewBatchesAreNotSettled() {
        assertFalse(WarmupSettling.settled(List.of(batch(200, 0), batch(200, 0), batch(200, 0))));
    }

    @Test
    void batchesStillGettingFasterAreNotSettled() {
        assertFalse(WarmupSettling.settled(List.of(batch(260, 0), batch(250, 0), batch(225, 0), batch(220, 0))));
    }

    @Test
    void steadyTimesWhileTheCompilerIsBusyAreNotSettled() {
        // the batches look steady, but C2 worked 60 ms of the last batch's 400: the code it is
        // compiling has not reached its final speed yet
        assertFalse(WarmupSettling.settled(List.of(batch(200, 0), batch(201, 0), batch(200, 0), batch(200, 60))));
        assertFalse(WarmupSettling.settled(List.of(batch(200, 0), batch(201, 0), batch(200, 21), batch(200, 0))));
    }

    @Test
    void aJvmThatReportsNoCompileTimeIsJudgedOnTimesAlone() {
        assertTrue(WarmupSettling.settled(List.of(batch(200, -1), batch(201, -1), batch(200, -1), batch(199, -1))));
    }
}
