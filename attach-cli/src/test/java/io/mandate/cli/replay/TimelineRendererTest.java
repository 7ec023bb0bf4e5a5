package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.cli.journal.SupportJournal;

class TimelineRendererTest {
    @TempDir
    static Path dir;
    static List<JournalEvent> events;

    @BeforeAll
    static void writeJournal() {
        SupportJournal.write(dir.resolve("journal"));
        events = JournalSource.readAll(dir.resolve("journal"), new PrintWriter(new StringWriter()));
    }

    static List<RecordedCall> calls() {
        return events.stream().filter(RecordedCall::isCall).map(RecordedCall::of).toList();
    }

    private static String render(List<RecordedCall> calls, Style style) {
        StringWriter text = new StringWriter();
        new TimelineRenderer(new CallLine(style, ZoneOffset.UTC), style).render(Timeline.of(calls), new PrintWriter(text));
        return text.toString();
    }

    @Test
    void delegatedChainsNestUnderTheirParentStepsGroupCallsAndDecisionsAreMarked() {
        String expected = String.join("\n",
                "agent support-bot",
                "├─ chain c1 \"answer ticket 42\" user dana depth 1",
                "│  ├─ step lookup_customer s1",
                "│  │  ├─ 10:00:01.000    ALLOW  jdbc select SELECT name FROM customers WHERE id = ?  [old.mandate:1]",
                "│  │  └─ 10:00:02.000  ! FLAG  jdbc select SELECT * FROM orders  [desk.mandate:10: orders are rarely needed]",
                "│  ├─ step add_note s2",
                "│  │  └─ 10:00:03.000    ALLOW  jdbc insert INSERT INTO ticket_notes VALUES (?)  [old.mandate:1]",
                "│  └─ chain c2 agent support-researcher \"find related tickets\" user dana depth 2",
                "│     ├─ step search_tickets s3",
                "│     │  └─ 10:00:04.000    ALLOW  jdbc select SELECT id FROM tickets  [old.mandate:1]",
                "│     ├─ step read_payroll s4",
                "│     │  └─ 10:00:05.000  ✗ DENY  jdbc select SELECT * FROM salaries  [desk.mandate:9: salary data is outside the support purpose] blocked",
                "│     └─ chain c3 \"dig deeper\" user dana depth 3",
                "│        └─ 10:00:06.000    ALLOW  jdbc select SELECT id FROM kb_articles  [old.mandate:1]",
                "└─ (outside any chain)",
                "   └─ 10:00:07.000    ALLOW  http GET https://kb.example/articles/1  [old.mandate:1]",
                "7 calls: 5 allowed, 1 flagged, 1 denied", "");
        assertEquals(expected, render(calls(), Style.plain()));
    }

    @Test
    void aChainWhoseParentIsFilteredOutSaysWhereItWasDelegatedFrom() {
        List<RecordedCall> researcher = calls().stream().filter(c -> c.agent().equals("support-researcher")).toList();
        String text = render(researcher, Style.plain());
        assertTrue(text.startsWith("agent support-researcher\n└─ chain c2 \"find related tickets\" user dana depth 2 delegated from c1\n"), text);
    }

    @Test
    void colourMarksOnlyDenialsAndFlags() {
        String text = render(calls(), Style.colour());
        assertTrue(text.contains("\u001b[1;31m✗ DENY\u001b[0m"), text);
        assertTrue(text.contains("\u001b[33m! FLAG\u001b[0m"), text);
        assertTrue(text.lines().filter(l -> l.contains("ALLOW")).noneMatch(l -> l.contains("\u001b[1;31m") || l.contains("\u001b[33m")), text);
    }
}
