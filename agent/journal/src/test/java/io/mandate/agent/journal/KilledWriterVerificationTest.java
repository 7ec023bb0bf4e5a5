package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL leaves a journal that verifies up to the tear, its events after the
 * last checkpoint reported as an unsealed tail; the agent restarted on it adds a second, sealed writer.
 */
class KilledWriterVerificationTest {
    private static final long KILL_AFTER = 2_000;

    @TempDir
    Path temp;

    @Test
    void aKilledWritersJournalVerifiesWithAnUnsealedTailAndARestartAddsASealedWriter() throws Exception {
        Path journal = temp.resolve("journal");
        Process writer = ForkedJvm.command(ForkedJvm.currentJdk(), Files.createDirectories(temp.resolve("home")),
                temp.resolve("work"), "write-forever", journal.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (Long.parseLong(line.substring("written ".length())) >= KILL_AFTER) {
                    writer.destroyForcibly(); // SIGKILL: the run key dies with the process, no final checkpoint
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }

        VerificationReport killed = JournalVerifier.verify(journal, null);
        assertTrue(killed.ok(), killed.summary());
        assertEquals(1, killed.writers());
        assertEquals(1, killed.unsealedTails().size(), killed.summary());
        VerificationReport.UnsealedTail tail = killed.unsealedTails().get(0);
        assertFalse(tail.closed());
        assertTrue(tail.events() > 0 && tail.events() <= killed.events());

        try (Journal restarted = ChronicleJournal.open(journal)) {
            restarted.recordLifecycle("agent.start", Map.of("after", "kill"));
        }
        VerificationReport afterRestart = JournalVerifier.verify(journal, null);
        assertTrue(afterRestart.ok(), afterRestart.summary());
        assertEquals(2, afterRestart.writers());
        assertEquals(1, afterRestart.unsealedTails().size(), "only the killed writer is unsealed");
        assertEquals(tail.firstIndex(), afterRestart.unsealedTails().get(0).firstIndex());
    }
}
