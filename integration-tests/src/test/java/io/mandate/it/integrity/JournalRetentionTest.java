package io.mandate.it.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalReader;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;

/**
 * The real agent with a one-second roll and a two-second age limit removes its old journal files
 * while the application runs; {@code mandate verify} accepts what remains, says that older files
 * were removed by retention, and still catches a changed byte in what remains and a file deleted
 * by hand.
 */
class JournalRetentionTest {
    @TempDir
    Path workDir;

    @Test
    void oldFilesGoWhileTheAppRunsAndWhatRemainsVerifies() throws Exception {
        Path journal = workDir.resolve("journal");
        JvmResult result = AgentJvm.withAgent("journal=" + journal + ",journalRoll=secondly,journalMaxAge=2s")
                .mainClass(QueryForSecondsApp.class)
                .appLibraries("h2")
                .args("6")
                .workDir(workDir.resolve("run"))
                .run()
                .assertSucceeded()
                .assertStdoutEmpty();
        int calls = Integer.parseInt(result.observation("calls"));

        List<JournalEvent> events = JournalReader.readAll(journal);
        assertTrue(events.stream().noneMatch(e -> e.type().equals("journal.open")), "the first file went");
        assertTrue(events.stream().noneMatch(e -> e.type().equals("agent.start")), "the first file went");
        List<JournalEvent> removals = events.stream().filter(e -> e.type().equals("journal.retention")).toList();
        assertFalse(removals.isEmpty(), "every removal is journaled");
        assertTrue(removals.get(0).string("reason").startsWith("journalMaxAge"), removals.get(0).toString());
        long kept = events.stream().filter(e -> e.type().equals("call")).count();
        assertTrue(kept > 0 && kept < calls, kept + " of " + calls + " calls kept");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("agent.stop")), "the last file is whole");

        MandateCommand ok = MandateCommand.run("verify", journal.toString());
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.startsWith("OK"), ok.output);
        assertTrue(ok.output.contains("older files were removed by retention"), ok.output);
        assertTrue(ok.output.contains("1 writer(s) verified from their signed cycle anchor"), ok.output);

        Path changed = copy(journal, workDir.resolve("changed"));
        flipFirst(changed, "SELECT owner FROM accounts");
        MandateCommand tampered = MandateCommand.run("verify", changed.toString());
        assertEquals(1, tampered.exit, tampered.output);
        assertTrue(tampered.output.startsWith("TAMPERED CHANGED"), tampered.output);

        Path cut = copy(journal, workDir.resolve("cut"));
        Files.delete(cycleFiles(cut).get(0));
        MandateCommand removed = MandateCommand.run("verify", cut.toString());
        assertEquals(1, removed.exit, removed.output);
        assertTrue(removed.output.startsWith("TAMPERED REMOVED"), removed.output);
        assertTrue(removed.output.contains("no journal.retention event removed"), removed.output);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private static List<Path> cycleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** Changes one byte of the first occurrence of the text in the oldest file that holds it. */
    private static void flipFirst(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (Path file : cycleFiles(dir)) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                    bytes[i] = (byte) 's';
                    Files.write(file, bytes);
                    return;
                }
            }
        }
        throw new AssertionError(text + " is in no journal file");
    }
}
