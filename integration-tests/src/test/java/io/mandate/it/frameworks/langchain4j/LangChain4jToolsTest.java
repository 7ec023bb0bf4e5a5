package io.mandate.it.frameworks.langchain4j;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.api.Mandate;
import io.mandate.it.frameworks.desk.DeskFixture;
import io.mandate.it.frameworks.desk.DeskFixture.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A LangChain4j support agent (an AI service, a scripted model, {@code @Tool} methods and a lambda
 * tool executor) under the packaged agent in enforce mode, with LangChain4j 1.11 and 1.19: each
 * AI-service invocation is a chain, each tool execution a step named after the tool, its JDBC, HTTP
 * and file calls are attributed to that step and decided by the policy's {@code when tool == "…"}
 * rules, and an AI service used as a tool works in a child chain.
 */
class LangChain4jToolsTest {
    private static final DeskFixture DESK = DeskFixture.create("langchain4j");
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private static Run run(String line) {
        return RUNS.computeIfAbsent(line, l -> DESK.run(LangChain4jDeskApp.class, l, "enforce"));
    }

    @AfterAll
    static void stopServer() {
        DESK.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void anAiServiceInvocationOpensAChainWhosePurposeIsTheSystemMessageAndWhoseUserMessageIsOnlyDigested(String line) {
        Run run = run(line);
        String chain = run.context("lookup_customer")[0];
        JournalEvent opened = run.lifecycle("chain.open", "chainId", chain);
        assertAll(
                () -> assertEquals(DeskFixture.AGENT, opened.string("agent")),
                () -> assertEquals("You answer customer support tickets for the Acme help desk.", opened.string("purpose")),
                () -> assertEquals("1", opened.string("depth")),
                () -> assertEquals("", opened.string("parentChainId")));
        JournalEvent chat = run.only(e -> e.type().equals("step.open")
                && e.string("chainId").equals(chain) && e.string("tool").equals("chat"), "chat step of ticket 101");
        assertEquals(Mandate.digest("Ticket 101: customer 2 cannot log in"), chat.string("argumentsDigest"));
        assertFalse(run.journal().dump().contains("cannot log in"), "the user message's text never reaches the journal");
        assertFalse(run.journal().dump().contains("ignore previous instructions"));
        run.lifecycle("chain.close", "chainId", chain);
        assertEquals("none", run.app().observation("101.after"), "the call leaves the thread outside any chain");
    }

    @Test
    void aConfiguredPurposeIsThePurposeOfEveryChainAnAiServiceOpens() {
        Run run = DESK.run(LangChain4jDeskApp.class, "langchain4j-1.19", "audit", "purpose=answer desk tickets");
        String ticket = run.context("lookup_customer")[0];
        String specialist = run.context("lookup_customer", 1)[0];
        assertEquals("answer desk tickets", run.lifecycle("chain.open", "chainId", ticket).string("purpose"));
        assertEquals("answer desk tickets", run.lifecycle("chain.open", "chainId", specialist).string("purpose"),
                "the agent used as a tool too");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void eachToolExecutionIsAStepNamedAfterTheToolWithItsArgumentsDigest(String line) {
        Run run = run(line);
        String[] lookup = run.context("lookup_customer");
        String[] fetch = run.context("fetch_kb");
        String[] runbook = run.context("read_runbook");
        assertAll(
                () -> assertEquals("lookup_customer", lookup[2]),
                () -> assertEquals("fetch_kb", fetch[2], "a lambda ToolExecutor is a step too"),
                () -> assertEquals("read_runbook", runbook[2]),
                () -> assertEquals(lookup[0], fetch[0], "one chain for the ticket"),
                () -> assertEquals(lookup[0], runbook[0]),
                () -> assertNotEquals(lookup[1], fetch[1], "one step per tool execution"));
        JournalEvent step = run.lifecycle("step.open", "stepId", lookup[1]);
        assertEquals(Mandate.digest("{\"arg0\":2}"), step.string("argumentsDigest"));
        assertEquals("", run.lifecycle("step.close", "stepId", lookup[1]).string("error"));
        assertEquals("ok Brendan", run.app().observations("lookup_customer").get(0));
        assertEquals("ok 200 article about login", run.app().observation("fetch_kb"));
        assertEquals("ok Reset the password from the admin console.", run.app().observation("read_runbook"));
        assertTrue(run.app().observation("101.answer").startsWith("answered: lookup_customer="), run.app().observation("101.answer"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void theToolsJdbcHttpAndFileCallsAreAttributedToTheirStepAndDecidedByToolRules(String line) {
        Run run = run(line);
        JournalEvent lookup = run.assertToolCallsDecidedByToolRules();
        assertEquals(run.context("lookup_customer")[0], lookup.string("chainId"));
        assertEquals(List.of("read_salaries", "export_customers", "lookup_customer"), run.journal().filter(e -> e.type().equals("call")
                && e.string("verdict").equals("DENY")).stream().map(e -> e.string("tool")).toList(),
                "nothing else the agent does is denied (the last: three agents deep, see below)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void anInjectedToolCallIsDeniedAndTheSameTableIsDeniedToAnotherTool(String line) {
        Run run = run(line);
        run.assertInjectedCallsDenied();
        JournalEvent export = run.onlyCallOf("export_customers");
        assertEquals("DENY", export.string("verdict"));
        assertEquals("export_customers", export.string("tool"));
        assertNotEquals(run.context("read_salaries")[0], run.context("export_customers")[0], "one chain per ticket");
        String error = run.lifecycle("step.close", "stepId", run.context("read_salaries")[1]).string("error");
        assertFalse(error.isEmpty(), "the tool's exception closes its step as a failure");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void anAgentUsedAsAToolWorksInAChildChainOfTheCallersChain(String line) {
        Run run = run(line);
        String[] specialistLookup = run.context("lookup_customer", 1);
        List<JournalEvent> askSteps = run.journal().filter(e -> e.type().equals("step.open")
                && e.string("tool").equals("ask_specialist"));
        assertEquals(2, askSteps.size(), "tickets 103 and 107");
        JournalEvent askStep = askSteps.get(0);
        String callerChain = askStep.string("chainId");
        assertAll(
                () -> assertEquals("2", specialistLookup[3], "depth"),
                () -> assertEquals(callerChain, specialistLookup[5], "parent chain"),
                () -> assertEquals(callerChain, specialistLookup[4], "root chain"),
                () -> assertNotEquals(callerChain, specialistLookup[0]));
        JournalEvent child = run.lifecycle("chain.open", "chainId", specialistLookup[0]);
        assertEquals("You are the account specialist.", child.string("purpose"));
        assertEquals("2", child.string("depth"));
        JournalEvent call = run.onlyCallOf("lookup_customer", 1);
        assertEquals("ALLOW", call.string("verdict"));
        assertEquals(callerChain, call.string("parentChainId"));
        assertEquals("ok Ada", run.app().observations("lookup_customer").get(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void anAiServiceInvocationInsideTheApplicationsChainStaysInIt(String line) {
        Run run = run(line);
        String appChain = run.app().observation("104.appChain");
        String[] lookup = run.context("lookup_customer", 2);
        assertEquals(appChain, lookup[0]);
        assertEquals("1", lookup[3]);
        assertEquals("desk-reviewer", run.onlyCallOf("lookup_customer", 2).string("agent"));
        assertEquals(appChain, run.app().observation("104.after"));
        assertTrue(run.app().stderr().lines().noneMatch(l -> l.contains("left uninstrumented")), run.app().stderr());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"langchain4j-1.11", "langchain4j-1.19"})
    void delegationNestsChainByChainAndThePolicyBoundsItsDepth(String line) {
        Run run = run(line);
        String[] auditorLookup = run.context("lookup_customer", 3);
        JournalEvent askSpecialist = run.journal().filter(e -> e.type().equals("step.open")
                && e.string("tool").equals("ask_specialist")).get(1); // ticket 107's, after 103's
        JournalEvent askAuditor = run.only(e -> e.type().equals("step.open") && e.string("tool").equals("ask_auditor"),
                "ask_auditor step");
        JournalEvent specialistChain = run.lifecycle("chain.open", "chainId", askAuditor.string("chainId"));
        JournalEvent denied = run.onlyCallOf("lookup_customer", 3);
        assertAll(
                () -> assertEquals("2", specialistChain.string("depth")),
                () -> assertEquals(askSpecialist.string("chainId"), specialistChain.string("parentChainId")),
                () -> assertEquals("3", auditorLookup[3], "depth"),
                () -> assertEquals(askAuditor.string("chainId"), auditorLookup[5], "parent: the specialist's chain"),
                () -> assertEquals(askSpecialist.string("chainId"), auditorLookup[4], "root: the desk's chain"),
                () -> assertEquals("You are the auditor.", run.lifecycle("chain.open", "chainId", auditorLookup[0]).string("purpose")),
                () -> assertEquals("DENY", denied.string("verdict")),
                () -> assertEquals("delegation-depth", denied.string("ruleId")),
                () -> assertEquals(DeskFixture.DEPTH_REASON, denied.string("reason")),
                () -> assertEquals("3", denied.string("depth")),
                () -> assertEquals(askSpecialist.string("chainId"), denied.string("rootChainId")),
                () -> assertEquals("denied rule=delegation-depth JdbcPolicyDenial", run.app().observations("lookup_customer").get(3)));
    }
}
