package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.JournalFixture;
import io.mandate.cli.journal.JournalSource;

/** The live tail's text lines: a call names its agent, chain and tool; a usage record is one short line. */
class LivePrinterTest {
    @Test
    void aCallAndTheRowsItYieldedAreOneLineEach(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot", "c-1", "", "c-1", 1, "", "").step("s-1", "lookup");
            j.allow(1, "jdbc", "SELECT name FROM customers WHERE id = ?", "select customers");
            j.rows(2, "SELECT name FROM customers WHERE id = ?", 3);
        }
        List<JournalEvent> events = JournalSource.readAll(journal, new PrintWriter(new StringWriter()));
        StringWriter text = new StringWriter();
        LivePrinter printer = new LivePrinter(new PrintWriter(text), new CallLine(Style.plain(), ZoneOffset.UTC), false);
        events.stream().filter(e -> e.type().equals("call") || e.type().equals("usage")).forEach(printer::print);
        assertEquals(List.of(
                "bot c-1 lookup  10:00:01.000    ALLOW  jdbc select SELECT name FROM customers WHERE id = ?  [old.mandate:1]",
                "bot c-1 lookup  10:00:02.000  3 rows read from SELECT name FROM customers WHERE id = ?"),
                text.toString().lines().toList());
    }
}
