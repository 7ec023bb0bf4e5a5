package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
