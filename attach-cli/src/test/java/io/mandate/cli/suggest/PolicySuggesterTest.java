package io.mandate.cli.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.cli.journal.JournalFixture;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.cli.replay.WhatIf;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;

class PolicySuggesterTest {
    @TempDir
    static Path dir;
    static List<RecordedCall> calls;
    static PolicySuggester.Suggestion suggestion;

    @BeforeAll
    static void observeABot() {
        Path journal = dir.resolve("journal");
        try (JournalFixture j = JournalFixture.create(journal)) {
            j.chain("bot", "c1", "", "c1", 1, "triage", "dana").step("s1", "fetch");
            for (int i = 1; i <= 5; i++) {
                j.allow(i, "http", "https://api.example/v1/items/" + i, "GET https://api.example/v1/items/" + i);
            }
            j.allow(6, "http", "https://api.example/v1/users/1", "GET https://api.example/v1/users/1")
                    .allow(7, "http", "https://api.example:8443/v1/users/2", "GET https://api.example:8443/v1/users/2");
            j.step("s2", "read_kb");
            for (String name : List.of("a", "b", "c", "d")) {
                j.allow(10, "file", "/srv/kb/" + name + ".md", "read /srv/kb/" + name + ".md");
            }
            for (String name : List.of("a", "b", "c", "d")) {
                j.allow(11, "file", "/srv/docs/" + name + ".md", "read /srv/docs/" + name + ".md");
            }
            j.deny(12, "file", "/srv/docs/secret.md", "old.mandate:4", "secrets", "read /srv/docs/secret.md");
            j.step("s3", "lookup")
                    .allow(20, "jdbc", "SELECT * FROM customers", "select customers")
                    .call(20, "jdbc", "SELECT * FROM orders", "FLAG", "old.mandate:5", "review", List.of("select orders"))
                    .deny(21, "jdbc", "INSERT INTO ticket_notes", "default", "no rule matched: default deny", "insert ticket_notes")
                    .step("s4", "add_note")
                    .allow(22, "jdbc", "INSERT INTO ticket_notes SELECT * FROM drafts", "insert ticket_notes", "select drafts")
                    .deny(23, "jdbc", "SELECT * FROM customers", "limit:old.mandate:9", "limit jdbc calls 1 per step exceeded", "select customers");
            j.noChain("bot")
                    .allow(30, "net", "db.internal:5432", "connect db.internal:5432")
                    .allow(31, "process", "git", "exec git")
                    .allow(32, "jdbc", "SELECT id FROM kb_articles", "select kb_articles");
            j.chain("bot", "c9", "c8", "c1", 3, "deep", "dana")
                    .deny(33, "jdbc", "SELECT id FROM kb_articles", "old.mandate:7", "too deep", "select kb_articles");
            j.noChain("someone-else").allow(40, "process", "rm", "exec rm");
        }
        calls = JournalSource.readAll(journal, new PrintWriter(new StringWriter())).stream()
                .filter(RecordedCall::isCall).map(RecordedCall::of).toList();
        suggestion = new PolicySuggester(3, ZoneOffset.UTC).suggest("bot", calls);
    }

    private static CompiledPolicy compiled() {
        LoadResult loaded = PolicyLoader.parse("suggested.mandate", suggestion.text());
        assertTrue(loaded.ok(), loaded.render());
        assertTrue(loaded.diagnostics().isEmpty(), loaded.render());
        return loaded.policy();
    }

    @Test
    void theSuggestionIsTheExpectedLeastPrivilegePolicy() {
        assertEquals(String.join("\n",
                "policy \"suggested for bot\"",
                "default deny",
                "",
                "agent \"bot\" {",
                "  allow file read \"/srv/docs/a.md\", \"/srv/docs/b.md\", \"/srv/docs/c.md\", \"/srv/docs/d.md\", \"/srv/kb/**\" when tool in [\"read_kb\"]",
                "  allow http GET to \"https://api.example/v1/items/**\", \"https://api.example/v1/users/1\", \"https://api.example:8443/v1/users/2\" when tool in [\"fetch\"]",
                "  allow jdbc select on kb_articles",
                "  allow jdbc insert on ticket_notes when tool in [\"add_note\"]",
                "  allow jdbc select on drafts when tool in [\"add_note\"]",
                "  allow jdbc select on customers when tool in [\"lookup\"]",
                "  allow net connect to \"db.internal:5432\"",
                "  allow process exec \"git\"",
                "  flag jdbc select on orders when tool in [\"lookup\"]",
                "  deny jdbc select on kb_articles when chain.depth == 3",
                "  limit jdbc calls 1 per step",
                "}", ""), suggestion.text());
        assertEquals(List.of(), suggestion.unresolved());
    }

    @Test
    void itPermitsEveryPermittedCallAndDeniesEveryCallDeniedByARule() {
        CompiledPolicy policy = compiled();
        for (RecordedCall call : calls.stream().filter(c -> c.agent().equals("bot")).toList()) {
            boolean permits = WhatIf.decide(policy, call, ZoneOffset.UTC).verdict().permits();
            if (call.permitted()) {
                assertEquals(call.verdict(), WhatIf.decide(policy, call, ZoneOffset.UTC).verdict().name(), call::toString);
            } else if (!call.deniedByLimit()) {
                assertFalse(permits, () -> "denied before, permitted now: " + call);
            }
        }
    }

    @Test
    void collapseKeepsSmallGroupsExactAndNeverCoversADeniedPath() {
        assertEquals(List.of("/a/1", "/a/2", "/b/**"),
                SiblingCollapse.collapse(List.of("/a/1", "/a/2", "/b/1", "/b/2", "/b/3"), 2, glob -> false));
        assertEquals(List.of("/b/1", "/b/2", "/b/3"),
                SiblingCollapse.collapse(List.of("/b/1", "/b/2", "/b/3"), 2, glob -> glob.equals("/b/**")));
        assertTrue(SiblingCollapse.covers("/b/**", "/b/x/y"));
        assertTrue(SiblingCollapse.covers("/b/**", "/b"));
        assertFalse(SiblingCollapse.covers("/b/**", "/bc"));
        assertEquals(List.of("/**"), SiblingCollapse.collapse(List.of("/1", "/2", "/3"), 2, glob -> false));
    }
}
