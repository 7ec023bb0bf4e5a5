package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.JournalFixture;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.SupportJournal;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;

class WhatIfTest {
    @TempDir
    static Path dir;
    static List<JournalEvent> events;

    @BeforeAll
    static void writeJournal() {
        SupportJournal.write(dir.resolve("journal"));
        events = JournalSource.readAll(dir.resolve("journal"), new PrintWriter(new StringWriter()));
    }

    private static CompiledPolicy policy(String text) {
        LoadResult loaded = PolicyLoader.parse("new.mandate", text);
        assertEquals(true, loaded.ok(), loaded.render());
        return loaded.policy();
    }

    private static final String DESK = String.join("\n",
            "policy \"desk\"",
            "agent \"support-*\" {",
            "  allow jdbc select on customers, tickets, kb_articles, orders",
            "  allow jdbc insert on ticket_notes when tool == \"add_note\"",
            "  deny jdbc * on salaries",
            "}",
            "agent \"support-bot\" {",
            "  allow http GET to \"https://kb.example/**\"",
            "}", "");

    @Test
    void thePolicyThatMatchesTheRecordedVerdictsChangesOnlyTheFlag() {
        WhatIf.Outcome outcome = WhatIf.run(events, policy(DESK), e -> true, ZoneOffset.UTC);
        assertEquals(7, outcome.decided());
        assertEquals(Map.of("FLAG → ALLOW", 1), outcome.transitions());
        assertEquals("SELECT * FROM orders", outcome.changes().get(0).call().resource());
        assertEquals("new.mandate:3", outcome.changes().get(0).decision().ruleId());
    }

    @Test
    void listsExactlyTheCallsWhoseVerdictChangesWithTheNewRule() {
        String stricter = DESK.replace("  allow jdbc select on customers, tickets, kb_articles, orders",
                "  allow jdbc select on customers, tickets, orders\n  allow jdbc select on kb_articles unless chain.depth > 2");
        WhatIf.Outcome outcome = WhatIf.run(events, policy(stricter), e -> true, ZoneOffset.UTC);
        assertEquals(List.of("SELECT * FROM orders", "SELECT id FROM kb_articles"),
                outcome.changes().stream().map(c -> c.call().resource()).toList());
        assertEquals("ALLOW → DENY", outcome.changes().get(1).transition());
        assertEquals("default", outcome.changes().get(1).decision().ruleId());
        assertEquals("2 of 7 calls would change: 1 ALLOW → DENY, 1 FLAG → ALLOW", WhatIfRenderer.summary(outcome));
    }

    @Test
    void filtersNarrowWhatIsListedNotWhatIsDecided() {
        WhatIf.Outcome outcome = WhatIf.run(events, policy("policy \"none\"\n"), new EventFilter(null, "c2", null, null, null, null)::test,
                ZoneOffset.UTC);
        assertEquals(7, outcome.decided());
        assertEquals(2, outcome.changes().size(), "the two permitted calls of c2 and c3 become default denials");
    }

    @Test
    void countLimitsAreReplayedOnTheRecordedClockAndForgottenWhenTheChainCloses(@TempDir Path other) {
        Path journal = other.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot", "a", "", "a", 1, "", "");
            for (int second = 0; second < 3; second++) {
                j.allow(second, "jdbc", "SELECT 1 FROM t", "select t");
            }
            j.closeChain("a").chain("bot", "b", "", "b", 1, "", "").allow(10, "jdbc", "SELECT 1 FROM t", "select t");
        }
        List<JournalEvent> recorded = JournalSource.readAll(journal, new PrintWriter(new StringWriter()));
        WhatIf.Outcome outcome = WhatIf.run(recorded, policy(String.join("\n", "policy \"budget\"", "agent \"*\" {",
                "  allow jdbc select on t", "  limit jdbc calls 2 per chain", "}", "")), e -> true, ZoneOffset.UTC);
        assertEquals(1, outcome.changes().size(), "only the third call of chain a is over; chain b starts afresh");
        assertEquals(JournalFixture.T0 + 2_000_000_000L, outcome.changes().get(0).call().event().epochNanos());
        assertEquals("limit:new.mandate:4", outcome.changes().get(0).decision().ruleId());
    }

    private static final String ROWS_POLICY = String.join("\n", "policy \"rows\"", "agent \"*\" {",
            "  allow jdbc select on t", "  limit jdbc rows LIMIT per chain", "}", "");

    /** Chain a reads 15 rows, then 5 more and is stopped at the 21st (recorded limit 20); chain b reads 15. */
    private static List<JournalEvent> rowJournal(Path journal) {
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot", "a", "", "a", 1, "", "").step("s1", "list");
            j.allow(0, "jdbc", "SELECT id FROM t WHERE id <= ?", "select t").rows(0, "SELECT id FROM t WHERE id <= ?", 15);
            j.allow(1, "jdbc", "SELECT id FROM t WHERE id > ?", "select t").rows(1, "SELECT id FROM t WHERE id > ?", 5)
                    .rowDenied(1, "limit:old.mandate:4", "limit jdbc rows 20 per chain exceeded");
            j.closeChain("a").chain("bot", "b", "", "b", 1, "", "").step("s2", "list");
            j.allow(2, "jdbc", "SELECT id FROM t WHERE id <= ?", "select t").rows(2, "SELECT id FROM t WHERE id <= ?", 15);
        }
        return JournalSource.readAll(journal, new PrintWriter(new StringWriter()));
    }

    @Test
    void rowLimitsAreReplayedOverTheRecordedRows(@TempDir Path other) {
        List<JournalEvent> recorded = rowJournal(other.resolve("journal"));

        WhatIf.Outcome same = WhatIf.run(recorded, policy(ROWS_POLICY.replace("LIMIT", "20")), e -> true, ZoneOffset.UTC);
        assertEquals(List.of(), same.changes(), "the recording limit changes nothing");
        assertEquals(3, same.usageRecords());
        assertEquals(4, same.decided(), "three statements and the stopped row");
        assertEquals(0, same.undecidable());

        WhatIf.Outcome larger = WhatIf.run(recorded, policy(ROWS_POLICY.replace("LIMIT", "21")), e -> true, ZoneOffset.UTC);
        assertEquals(Map.of("DENY → ALLOW", 1), larger.transitions(), "15 + 5 + the stopped row fit in 21");
        assertEquals("ResultSet.next()", larger.changes().get(0).call().resource());

        WhatIf.Outcome smaller = WhatIf.run(recorded, policy(ROWS_POLICY.replace("LIMIT", "10")), e -> true, ZoneOffset.UTC);
        assertEquals(List.of("a SELECT id FROM t WHERE id <= ?", "a SELECT id FROM t WHERE id > ?",
                        "b SELECT id FROM t WHERE id <= ?"),
                smaller.changes().stream().map(c -> c.call().chainId() + " " + c.call().resource()).toList(),
                "every read over 10 in enforce mode; the stopped row stays stopped; chain b starts afresh");
        assertEquals("ALLOW → DENY", smaller.changes().get(0).transition());
        assertEquals("limit:new.mandate:4", smaller.changes().get(0).decision().ruleId());
        assertEquals("3 of 4 calls and 3 row reads would change: 3 ALLOW → DENY", WhatIfRenderer.summary(smaller));
    }

    @Test
    void theRowsOfAStatementTheNewPolicyStopsAreNeverRead(@TempDir Path other) {
        List<JournalEvent> recorded = rowJournal(other.resolve("journal"));
        String noSecondPage = ROWS_POLICY.replace("LIMIT", "16").replace("  allow jdbc select on t",
                "  allow jdbc select on t\n  deny jdbc select on t when tool == \"never\"");
        WhatIf.Outcome outcome = WhatIf.run(recorded, policy(noSecondPage.replace("allow jdbc select on t\n", "")
                .replace("when tool == \"never\"", "")), e -> true, ZoneOffset.UTC);
        assertTrue(outcome.changes().stream().noneMatch(c -> VolumeReplay.isUsage(c.call().event())),
                "every statement is denied, so no rows are read to go over the limit");
    }
}
