package io.mandate.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.it.apps.jdbc.SupportDeskScenarioApp;
import io.mandate.it.jdbc.ScenarioTarget;
import io.mandate.it.jdbc.SupportDeskRun;

/**
 * {@code mandate suggest-policy} over the journal of the support-desk scenario (enforce mode, H2,
 * the JDK running the tests): allowed and flagged reads and writes, a note written from a tool
 * the policy forbids, salary reads and wipes, a batch smuggling a delete, a row budget exceeded.
 * The suggestion must pass {@code mandate policy check}, and replayed over the same journal with
 * {@code mandate replay --policy} it must deny nothing that was permitted and permit nothing a
 * rule denied.
 */
class CliSuggestPolicyTest {

    @Test
    void suggestionChecksCleanAndReplaysWithoutLoosingOrGrantingAnything(@TempDir Path dir) throws IOException {
        ScenarioTarget h2 = ScenarioTarget.h2().get(0);
        SupportDeskRun run = SupportDeskRun.of(h2, "enforce");
        run.result().assertSucceeded();
        Path journal = run.result().workDir().resolve("journal");

        MandateCommandLine.Outcome suggested = MandateCommandLine.run("suggest-policy", journal.toString(),
                "--agent", SupportDeskScenarioApp.AGENT);
        assertEquals(0, suggested.exitCode(), suggested::describe);
        assertTrue(suggested.stdout().contains("allow jdbc insert on ticket_notes when tool in [\"add_note\"]"), suggested::describe);
        assertTrue(!suggested.stdout().contains("salaries"), suggested::describe);
        Path policy = dir.resolve("suggested.mandate");
        Files.writeString(policy, suggested.stdout());

        MandateCommandLine.Outcome check = MandateCommandLine.run("policy", "check", policy.toString());
        assertEquals(0, check.exitCode(), check::describe);

        MandateCommandLine.Outcome replay = MandateCommandLine.run("replay", "--json", journal.toString(), "--policy", policy.toString());
        assertEquals(0, replay.exitCode(), replay::describe);
        List<String> changes = replay.stdoutLines().stream().filter(l -> l.contains("\"whatIf\"")).toList();
        assertEquals(List.of(), changes, () -> "the suggestion decides these calls otherwise:\n" + suggested.stdout());
        String summary = replay.stdoutLines().get(replay.stdoutLines().size() - 1);
        assertTrue(summary.contains("\"type\":\"whatIf.summary\"") && summary.contains("\"changed\":0,")
                && !summary.contains("\"decided\":0,"), summary);
    }

    @Test
    void anAgentTheJournalNeverSawIsAUsageError() {
        SupportDeskRun run = SupportDeskRun.of(ScenarioTarget.h2().get(0), "enforce");
        MandateCommandLine.Outcome out = MandateCommandLine.run("suggest-policy", run.result().workDir().resolve("journal").toString(),
                "--agent", "nobody");
        assertEquals(2, out.exitCode(), out::describe);
        assertEquals(1, out.stderrLines().size(), out::describe);
    }
}
