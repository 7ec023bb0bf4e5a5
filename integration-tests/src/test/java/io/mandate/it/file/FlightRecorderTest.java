package io.mandate.it.file;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM's flight recorder works under an enforce-mode policy that allows no file at all: with
 * {@code -XX:StartFlightRecording:filename=} the JVM starts (JFR creates its repository under the
 * temporary directory and checks the recording file before {@code main}), runs {@code main} and
 * writes the recording at exit; none of it is decided or journaled. Before, the JVM stopped at
 * start with "Unable to create JFR repository directory". The application's own use of the
 * recorder API is still decided: its recording's destination is refused and journaled.
 */
class FlightRecorderTest {
    @TempDir
    Path root;

    static List<Path> jdks() {
        List<Path> jdks = new ArrayList<>();
        jdks.add(Path.of(System.getProperty("java.home")));
        AgentJvm.temurin25().ifPresent(jdks::add);
        return jdks;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theRecorderKeepsItsOwnFilesAndTheApplicationIsStillDecided(Path jdk) throws Exception {
        Path journal = root.resolve("journal");
        Path recording = root.resolve("ops.jfr");
        Path own = root.resolve("own.jfr");
        Path repository = Files.createDirectories(root.resolve("tmp"));
        JvmResult result = AgentJvm.withAgent("policy=" + Policies.NO_FILES + ",mode=enforce,journal=" + journal)
                .jdk(jdk)
                .jvmOption("-XX:StartFlightRecording:filename=" + recording)
                .systemProperty("java.io.tmpdir", repository.toString())
                .mainClass(FlightRecorderApp.class)
                .args(own.toString())
                .run()
                .assertSucceeded()
                .assertStderrDoesNotContain("mandate: internal error");

        assertEquals("true", result.observation("agentAttached"));
        assertEquals("1", result.observation("recordings"), result::describe);
        assertTrue(Files.size(recording) > 0, "the recording was written at exit");

        assertEquals("denied rule=default", result.observation("own"), result::describe);
        assertFalse(Files.exists(own));
        JournalEvents events = JournalEvents.read(journal);
        List<JournalEvent> files = events.filter(e -> JournalEvents.CALL.equals(e.type())
                && "file".equals(e.string("kind")));
        assertEquals(1, files.size(), events::dump);
        JournalEvent refused = files.get(0);
        assertEquals(own.toString(), refused.string("resource"), events::dump);
        assertEquals("DENY", refused.string("verdict"), events::dump);
    }
}
