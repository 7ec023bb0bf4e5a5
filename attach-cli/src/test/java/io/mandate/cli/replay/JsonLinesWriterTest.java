package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.JournalFixture;
import io.mandate.cli.journal.JournalSource;

/** The hand-built JSON lines are exactly what Jackson writes for the same event tree. */
class JsonLinesWriterTest {
    @Test
    void everyLineEqualsJacksonsForTheSameEvent(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot \"quoted\"", "c-1", "", "c-1", 1, "tab\there", "ünïcödé ✓ 🎉").step("s", "tool\\path");
            j.allow(1, "jdbc", "SELECT \"a\" FROM t WHERE x = '?'\n-- line\r\u0001\u001f\b\f", "select t", "insert \"u\"");
            j.rows(2, "SELECT \"a\" FROM t", 42);
            j.deny(3, "http", "https://x.example/a b", "r:1", "reason with \\ and /", "GET https://x.example/a b");
            j.rowDenied(4, "limit:x:1", "limit jdbc rows 1 per chain exceeded");
            j.closeChain("c-1");
        }
        try (Journal extra = ChronicleJournal.open(journal)) {
            extra.recordLifecycle("agent.start", Map.of("key \"k\"", "value\nv", "empty", ""));
        }
        List<JournalEvent> events = JournalSource.readAll(journal, new PrintWriter(new StringWriter()));
        StringWriter out = new StringWriter();
        JsonLinesWriter writer = new JsonLinesWriter(out);
        StringBuilder jackson = new StringBuilder();
        for (JournalEvent e : events) {
            writer.write(e);
            jackson.append(EventJson.line(e)).append('\n');
        }
        assertEquals(jackson.toString(), out.toString());
    }
}
