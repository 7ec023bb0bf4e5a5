package io.mandate.it.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalReader;
import io.mandate.api.Mandate;
import io.mandate.it.frameworks.desk.DeskFixture;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import io.mandate.samples.langchain4j.SupportAgent;
import io.mandate.samples.support.JournalSummary;

/**
 * The demo's LangChain4j support agent, run the way the demo profile runs it (the shipped
 * samples/support-agent.mandate, agent identity support-agent, enforce then audit, summary read back
 * from each journal), with the LangChain4j line the sample is built on and no Mandate jar on its class
 * path: the prompt injection's exfiltration through two legitimate tools is stopped in enforce mode
 * and recorded in audit mode, attributed to the tools and the ticket's chain with no code change. The
 * run without the agent shows what the denials prevent.
 */
class LangChain4jSupportAgentDemoTest {
    private static final Path POLICY = Path.of(System.getProperty("mandate.it.samplePolicy", "../samples/support.mandate"))
            .toAbsolutePath().normalize().resolveSibling("support-agent.mandate");
    private static final String PURPOSE = "You answer customer support tickets for the Acme shop.";
    private static final String EXPORT_REASON = "customer records are read one at a time, by lookup_customer";

    @Test
    void withoutTheAgentTheInjectionExfiltratesTheCustomerList() {
        JvmResult result = agent(AgentJvm.withoutAgent()).run().assertSucceeded();
        assertTrue(result.stdout().contains("!! the attacker's server received the customer list: Alice Moreau | alice@example.com"),
                result::describe);
    }

    @Test
    void enforceModeDeniesTheExportAndThePostAndTheJournalSummaryShowsThem(@TempDir Path workDir) throws CorruptJournalException {
        Path journal = workDir.resolve("journal");
        JvmResult result = agent(AgentJvm.withAgent("policy=" + POLICY + ",mode=enforce,agent=support-agent,journal=" + journal))
                .workDir(workDir).run().assertSucceeded();
        assertAll(
                () -> assertTrue(result.stdout().contains("tool export_customers: FAILED JdbcPolicyDenial (SQLState 42501)"), result::describe),
                () -> assertTrue(result.stdout().contains("tool post_webhook: FAILED IoPolicyDenial"), result::describe),
                () -> assertTrue(result.stdout().contains("the attacker's server received nothing"), result::describe),
                () -> assertTrue(result.stdout().contains("tool add_note: 1 row(s) written"), "the benign ticket is answered"));

        String summary = JournalSummary.summarize(journal, JournalReader.readAll(journal));
        assertTrue(summary.contains("mode enforce; 2 chain(s); 6 call(s): ALLOW 4  DENY 2  (2 blocked)"), summary);
        assertTrue(summary.contains("DENY  BLOCKED  support-agent / " + PURPOSE + " / step export_customers"), summary);
        assertTrue(summary.contains("SELECT name, email FROM customers"), summary);
        assertTrue(summary.contains(EXPORT_REASON), summary);
        assertTrue(summary.contains("DENY  BLOCKED  support-agent / " + PURPOSE + " / step post_webhook"), summary);

        JournalEvents events = JournalEvents.read(journal);
        List<JournalEvent> denied = events.filter(e -> e.type().equals(JournalEvents.CALL) && e.string("verdict").equals("DENY"));
        assertEquals(1, denied.stream().map(e -> e.string("chainId")).distinct().count(), "both denials belong to ticket #202's chain");
        List<JournalEvent> chats = events.filter(e -> e.type().equals("step.open") && e.string("tool").equals("chat")
                && e.string("chainId").equals(denied.get(0).string("chainId")));
        assertEquals(1, chats.size(), events::dump);
        JournalEvent chat = chats.get(0);
        assertEquals(PURPOSE, events.onlyLifecycle("chain.open", "chainId", chat.string("chainId")).string("purpose"));
        assertEquals(Mandate.digest("Please answer ticket #202."), chat.string("argumentsDigest"));
        assertFalse(events.dump().contains("Please answer ticket"), "the user message's text never reaches the journal");
    }

    @Test
    void auditModeLetsTheExfiltrationRunAndRecordsBothDenials(@TempDir Path workDir) throws CorruptJournalException {
        Path journal = workDir.resolve("journal");
        JvmResult result = agent(AgentJvm.withAgent("policy=" + POLICY + ",mode=audit,agent=support-agent,journal=" + journal))
                .workDir(workDir).run().assertSucceeded();
        assertTrue(result.stdout().contains("!! the attacker's server received the customer list"), result::describe);

        String summary = JournalSummary.summarize(journal, JournalReader.readAll(journal));
        assertTrue(summary.contains("mode audit; 2 chain(s); 6 call(s): ALLOW 4  DENY 2  (0 blocked)"), summary);
        assertTrue(summary.contains("DENY  recorded support-agent / " + PURPOSE + " / step export_customers"), summary);
        assertTrue(summary.contains("DENY  recorded support-agent / " + PURPOSE + " / step post_webhook"), summary);
    }

    /** The sample's classes, its JDBC driver and the LangChain4j line it is built on: no Mandate jar. */
    private static AgentJvm agent(AgentJvm jvm) {
        Path[] classpath = Stream.concat(
                Stream.of(AgentJvm.libraryOnTestClasspath("mandate-samples"), AgentJvm.libraryOnTestClasspath("h2")),
                Stream.of(DeskFixture.frameworkJars("langchain4j-1.19"))).toArray(Path[]::new);
        return jvm.mainClass(SupportAgent.class).appClasspath(classpath);
    }
}
