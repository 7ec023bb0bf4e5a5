package io.mandate.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalReader;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;
import io.mandate.samples.support.JournalSummary;
import io.mandate.samples.support.SupportBot;

/**
 * The README's demo, run the way the demo profile runs it (the shipped samples/support.mandate,
 * enforce then audit, summary read back from each journal), so a change that breaks the first
 * thing a newcomer sees fails CI. The run without the agent shows what the denial prevents.
 */
class SupportBotDemoTest {
    private static final Path POLICY = Path.of(System.getProperty("mandate.it.samplePolicy", "../samples/support.mandate"))
            .toAbsolutePath().normalize();
    private static final String INJECTED_READ = "SELECT employee, amount FROM salaries";
    private static final String SALARY_REASON = "salary data is outside the support purpose";

    @Test
    void withoutTheAgentTheInjectedStepReadsTheSalaries() {
        JvmResult result = bot(AgentJvm.withoutAgent()).run().assertSucceeded();
        assertTrue(result.stdout().contains("!! the injected step read 3 salary rows"), result::describe);
    }

    @Test
    void enforceModeDeniesTheInjectedStepAndTheJournalSummaryShowsIt(@TempDir Path workDir) throws CorruptJournalException {
        Path journal = workDir.resolve("journal");
        JvmResult result = bot(AgentJvm.withAgent("policy=" + POLICY + ",mode=enforce,journal=" + journal))
                .workDir(workDir).run().assertSucceeded();
        assertTrue(result.stdout().contains("the injected step was DENIED by Mandate (SQLState 42501, rule "), result::describe);
        assertTrue(result.stdout().contains(SALARY_REASON), result::describe);
        assertFalse(result.stdout().contains("salary rows"), result::describe);
        assertTrue(result.stdout().contains("answered: escalated to a human"), "the bot carries on after the denial");

        String summary = JournalSummary.summarize(journal, JournalReader.readAll(journal));
        assertTrue(summary.contains("mode enforce; 2 chain(s); 9 call(s): ALLOW 7  DENY 1  FLAG 1  (1 blocked)"), summary);
        assertTrue(summary.contains("DENY  BLOCKED  support-bot / answer ticket #102 / step query_database"), summary);
        assertTrue(summary.contains(INJECTED_READ), summary);
        assertTrue(summary.contains(SALARY_REASON), summary);
        assertTrue(summary.contains("FLAG  recorded support-bot / answer ticket #101 / step lookup_orders"), summary);
    }

    @Test
    void auditModeLetsTheInjectedStepRunAndOnlyRecordsIt(@TempDir Path workDir) throws CorruptJournalException {
        Path journal = workDir.resolve("journal");
        JvmResult result = bot(AgentJvm.withAgent("policy=" + POLICY + ",mode=audit,journal=" + journal))
                .workDir(workDir).run().assertSucceeded();
        assertTrue(result.stdout().contains("!! the injected step read 3 salary rows"), result::describe);

        String summary = JournalSummary.summarize(journal, JournalReader.readAll(journal));
        assertTrue(summary.contains("mode audit; 2 chain(s); 9 call(s): ALLOW 7  DENY 1  FLAG 1  (0 blocked)"), summary);
        assertTrue(summary.contains("DENY  recorded support-bot / answer ticket #102 / step query_database"), summary);
        assertEquals(1, summary.lines().filter(l -> l.contains(SALARY_REASON)).count(), summary);
    }

    private static AgentJvm bot(AgentJvm jvm) {
        return jvm.mainClass(SupportBot.class).appClasspath(
                AgentJvm.libraryOnTestClasspath("mandate-samples"),
                AgentJvm.libraryOnTestClasspath("mandate-api"),
                AgentJvm.libraryOnTestClasspath("h2"));
    }
}
