package io.mandate.it.control;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators start and dump a flight recording with {@code jcmd} in a running JVM whose enforce-mode
 * policy allows no file: the recorder's repository and the dump file are its own work (the attach
 * listener runs it, no application code on the stack), neither decided nor journaled. Before, a
 * default-deny policy made {@code JFR.start} fail.
 */
class FlightRecorderCommandTest {
    @Test
    void jcmdStartsAndDumpsARecordingUnderADefaultDenyPolicy(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        Path recording = dir.resolve("ops.jfr");
        Path temporary = Files.createDirectories(dir.resolve("tmp"));
        JvmResult run;
        try (TargetJvm app = TargetJvm.start(AgentJvm.withAgent("policy=" + Policies.NO_FILES + ",mode=enforce,journal=" + journal)
                .systemProperty("java.io.tmpdir", temporary.toString()), dir)) {
            String started = jcmd(app.pid(), "JFR.start", "name=ops", "filename=" + recording);
            assertTrue(started.contains("Started recording"), started);
            String dumped = jcmd(app.pid(), "JFR.dump", "name=ops");
            assertTrue(Files.size(recording) > 0, dumped);
            run = app.finish();
        }
        assertEquals(0, run.exitCode(), run.describe());
        JournalEvents events = JournalEvents.read(journal);
        List<JournalEvent> files = events.filter(e -> JournalEvents.CALL.equals(e.type()) && "file".equals(e.string("kind")));
        assertEquals(List.of(), files, events::dump);
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd did not end: " + output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
