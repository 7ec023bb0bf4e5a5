package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer appended before a SIGKILL stays readable, in order, up to the last flush and beyond. */
class KillNineTest {
    private static final long KILL_AFTER = 3_000;

    @TempDir
    Path temp;

    @Test
    void aKilledWriterLeavesAReadablePrefix() throws Exception {
        Path journal = temp.resolve("journal");
        Process writer = ForkedJvm.command(ForkedJvm.currentJdk(), Files.createDirectories(temp.resolve("home")),
                temp.resolve("work"), "write-forever", journal.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long flushed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                flushed = Long.parseLong(line.substring("written ".length()));
                if (flushed >= KILL_AFTER) {
                    writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(flushed >= KILL_AFTER, "the writer died before writing " + KILL_AFTER + " events");

        List<JournalEvent> events = JournalReader.readAll(journal);
        assertEquals(JournalFormat.OPEN, events.get(0).type());
        List<JournalEvent> calls = JournalRoundTripTest.ofType(events, JournalFormat.CALL);
        assertTrue(calls.size() >= flushed, calls.size() + " calls read, " + flushed + " were flushed");
        for (int i = 0; i < calls.size(); i++) {
            assertEquals("resource-" + i, calls.get(i).string("resource"));
        }
        assertEquals(0, JournalRoundTripTest.ofType(events, JournalFormat.CLOSE).size(), "a killed writer writes no close");

        // the agent restarted after the crash appends after the prefix, and readers see it all
        try (Journal restarted = ChronicleJournal.open(journal)) {
            restarted.recordLifecycle("agent.start", java.util.Map.of("after", "kill"));
        }
        List<JournalEvent> afterRestart = JournalReader.readAll(journal);
        assertTrue(afterRestart.size() > events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).toString(), afterRestart.get(i).toString(), "prefix event " + i);
        }
        JournalEvent start = afterRestart.stream().filter(e -> e.type().equals("agent.start")).findFirst().orElseThrow();
        assertEquals("kill", start.string("after"));
    }
}
