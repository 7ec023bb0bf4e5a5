package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.UsageException;
import io.mandate.cli.journal.JournalFixture;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.cli.journal.SupportJournal;

class EventFilterTest {
    @TempDir
    static Path dir;
    static List<JournalEvent> events;

    @BeforeAll
    static void writeJournal() {
        SupportJournal.write(dir.resolve("journal"));
        events = JournalSource.readAll(dir.resolve("journal"), new PrintWriter(new StringWriter()));
    }

    /** The resources of the calls the filter keeps, in journal order. */
    private static List<String> kept(EventFilter filter) {
        return events.stream().filter(filter::test).filter(RecordedCall::isCall).map(e -> e.string("resource")).toList();
    }

    private static final Instant SECOND_3 = Instant.ofEpochSecond(0, JournalFixture.T0 + 3_000_000_000L);

    @Test
    void chainKeepsItsWholeDelegationSubtreeAtAnyDepth() {
        assertEquals(List.of("SELECT id FROM tickets", "SELECT * FROM salaries", "SELECT id FROM kb_articles"),
                kept(new EventFilter(null, "c2", null, null, null, null)));
        assertEquals(6, kept(new EventFilter(null, "c1", null, null, null, null)).size(), "all but the call outside a chain");
    }

    @Test
    void agentIsAGlob() {
        assertEquals(3, kept(new EventFilter("*-researcher", null, null, null, null, null)).size());
        assertEquals(4, kept(new EventFilter("support-bot", null, null, null, null, null)).size());
        assertEquals(0, kept(new EventFilter("support", null, null, null, null, null)).size(), "a glob matches whole ids");
    }

    @Test
    void decisionAndOperationKeepOnlyCalls() {
        assertEquals(List.of("SELECT * FROM salaries", "SELECT * FROM orders").stream().sorted().toList(),
                kept(new EventFilter(null, null, Set.of("DENY", "FLAG"), null, null, null)).stream().sorted().toList());
        assertEquals(List.of("INSERT INTO ticket_notes VALUES (?)"), kept(new EventFilter(null, null, null, "INSERT", null, null)));
        long lifecycle = events.stream().filter(new EventFilter(null, null, null, "get", null, null)::test)
                .filter(e -> !RecordedCall.isCall(e)).count();
        assertEquals(0, lifecycle);
    }

    @Test
    void sinceAndUntilBoundTheCallTimeInclusively() {
        assertEquals(List.of("INSERT INTO ticket_notes VALUES (?)"),
                kept(new EventFilter(null, null, null, null, SECOND_3, SECOND_3)));
        assertEquals(3, kept(new EventFilter(null, null, null, null, null, SECOND_3)).size());
    }

    @Test
    void timesAreIsoOrAgo() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertEquals(Instant.parse("2026-11-25T11:50:00Z"), TimeBound.parse("10m", now, ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-11-24T12:00:00Z"), TimeBound.parse("1d", now, ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), TimeBound.parse("2026-11-25T10:00+01:00", now, ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-11-25T08:00:00Z"), TimeBound.parse("2026-11-25T10:00", now, ZoneOffset.ofHours(2)));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), TimeBound.parse("2026-11-25", now, ZoneOffset.UTC));
        assertThrows(UsageException.class, () -> TimeBound.parse("10 minutes", now, ZoneOffset.UTC));
    }
}
