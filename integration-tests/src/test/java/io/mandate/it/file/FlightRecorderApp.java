package io.mandate.it.file;

import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.it.apps.Observations;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * An application started with {@code -XX:StartFlightRecording} (the operators' choice) that also
 * tries to use the flight recorder itself: a recording of its own whose destination is a file the
 * policy does not allow.
 *
 * Arguments: the destination the application asks for
 */
public final class FlightRecorderApp {
    private FlightRecorderApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        Observations.record("recordings", FlightRecorder.getFlightRecorder().getRecordings().size());
        try (Recording own = new Recording()) {
            own.setDestination(Path.of(args[0]));
            Observations.record("own", "ok");
        } catch (AccessDeniedException e) {
            Observations.record("own", e instanceof PolicyDenial denial ? "denied rule=" + denial.ruleId() : "not by policy");
        }
    }
}
