package io.mandate.agent.instrumentation.file.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The recorder's own file work is told apart by its stack; FlightRecorderTest (integration) covers JFR itself. */
class FlightRecorderFilesTest {
    @Test
    void applicationCodeIsNeverTheRecorderAtWork() {
        // this test's frames belong to the application class loader, and no jdk.jfr frame is on the stack
        FlightRecorderFiles recorder = new FlightRecorderFiles(new ClassLoader() { });
        assertFalse(recorder.recorderAtWork());
    }

    @Test
    void theAgentsOwnFramesAloneAreNotTheRecorderEither() {
        // with the test's loader counted as the agent's, the stack is JDK and agent only, but no recorder frame
        FlightRecorderFiles recorder = new FlightRecorderFiles(FlightRecorderFilesTest.class.getClassLoader());
        assertFalse(recorder.recorderAtWork());
    }
}
