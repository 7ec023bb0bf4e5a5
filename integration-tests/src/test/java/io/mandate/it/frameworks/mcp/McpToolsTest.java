package io.mandate.it.frameworks.mcp;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.api.Mandate;
import io.mandate.it.frameworks.desk.DeskFixture;
import io.mandate.it.frameworks.desk.DeskFixture.Run;
import org.junit.jupiter.api.AfterAll;
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
 * An MCP client agent calling a desk-tools MCP server in-process, under the packaged agent in enforce mode,
 * with the MCP Java SDK 1.1 and 2.1: each {@code McpSyncClient.callTool} is a step named after the tool;
 * the server's synchronous handler, running for that step, works in a child chain of the caller's (the
 * server is another agent), in a step named after the tool, so its JDBC, HTTP and file calls are attributed
 * to it and decided by the policy's {@code when tool == "…"} rules.
 */
class McpToolsTest {
    private static final DeskFixture DESK = DeskFixture.create("mcp");
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private static Run run(String line) {
        return RUNS.computeIfAbsent(line, l -> DESK.run(McpDeskApp.class, l, "enforce"));
    }

    @AfterAll
    static void stopServer() {
        DESK.close();
    }

    /** The client's step the server's handler of {@code tool}'s {@code n}th execution worked for. */
    private static JournalEvent clientStep(Run run, String tool, int n) {
        String clientChain = run.context(tool, n)[5];
        return run.only(e -> e.type().equals("step.open") && e.string("chainId").equals(clientChain)
                && e.string("tool").equals(tool), "client step of " + tool);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mcp-1", "mcp-2"})
    void aClientToolCallIsAStepAndTheServersHandlerWorksInAChildChainOfIt(String line) {
        Run run = run(line);
        String[] server = run.context("lookup_customer");
        JournalEvent client = clientStep(run, "lookup_customer", 0);
        String clientChain = client.string("chainId");
        assertAll(
                () -> assertEquals("lookup_customer", server[2]),
                () -> assertEquals("2", server[3], "depth"),
                () -> assertEquals(clientChain, server[4], "root chain"),
                () -> assertEquals(clientChain, server[5], "parent chain"),
                () -> assertNotEquals(clientChain, server[0]),
                () -> assertEquals(Mandate.digest("{id=2}"), client.string("argumentsDigest")),
                () -> assertEquals(Mandate.digest("{id=2}"), run.lifecycle("step.open", "stepId", server[1]).string("argumentsDigest")),
                () -> assertEquals("1", run.lifecycle("chain.open", "chainId", clientChain).string("depth")),
                () -> assertEquals("2", run.lifecycle("chain.open", "chainId", server[0]).string("depth")));
        assertEquals("", run.lifecycle("step.close", "stepId", server[1]).string("error"));
        run.lifecycle("chain.close", "chainId", server[0]);
        assertEquals("ok Brendan", run.app().observations("101.answer").get(0));
        assertEquals("none", run.app().observations("101.after").get(0), "the call leaves the thread outside any chain");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mcp-1", "mcp-2"})
    void theHandlersJdbcHttpAndFileCallsAreAttributedToTheirToolAndDecidedByToolRules(String line) {
        Run run = run(line);
        JournalEvent lookup = run.assertToolCallsDecidedByToolRules();
        assertEquals(run.context("lookup_customer")[5], lookup.string("parentChainId"));
        assertEquals("2", lookup.string("depth"));
        assertEquals("ok 200 article about login", run.app().observation("fetch_kb"));
        assertEquals("ok Reset the password from the admin console.", run.app().observation("read_runbook"));
        assertEquals(List.of("read_salaries", "export_customers"), run.journal().filter(e -> e.type().equals("call")
                && e.string("verdict").equals("DENY")).stream().map(e -> e.string("tool")).toList(),
                "nothing else the agents do is denied");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mcp-1", "mcp-2"})
    void injectedToolCallsAreDeniedInTheServersStepAndTheHandlersExceptionClosesIt(String line) {
        Run run = run(line);
        assertEquals("2", run.assertInjectedCallsDenied().string("depth"));
        assertFalse(run.lifecycle("step.close", "stepId", run.context("read_salaries")[1]).string("error").isEmpty(),
                "the handler's exception closes its step as a failure");
        assertFalse(run.app().observation("102.answer").contains("Dana"), run.app().observation("102.answer"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mcp-1", "mcp-2"})
    void aCallInsideTheApplicationsChainIsAStepOfItAndTheServerWorksInItsChildChain(String line) {
        Run run = run(line);
        String appChain = run.app().observation("104.appChain");
        String[] server = run.context("lookup_customer", 1);
        JournalEvent client = clientStep(run, "lookup_customer", 1);
        assertAll(
                () -> assertEquals(appChain, client.string("chainId"), "the client's step is in the application's chain"),
                () -> assertEquals(appChain, server[5], "parent chain"),
                () -> assertEquals(appChain, server[4], "root chain"),
                () -> assertEquals("2", server[3], "depth"),
                () -> assertEquals("ALLOW", run.onlyCallOf("lookup_customer", 1).string("verdict")),
                () -> assertEquals("ok Chidi", run.app().observations("lookup_customer").get(1)),
                () -> assertEquals(appChain, run.app().observation("104.after")));
        assertTrue(run.app().stderr().lines().noneMatch(l -> l.contains("left uninstrumented")), run.app().stderr());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mcp-1", "mcp-2"})
    void aHandlerOnTheSdksDefaultWorkerThreadStillWorksInAChildChainOfTheCaller(String line) {
        Run run = run(line);
        String[] server = run.context("lookup_customer", 2);
        JournalEvent client = clientStep(run, "lookup_customer", 2);
        JournalEvent call = run.onlyCallOf("lookup_customer", 2);
        assertAll(
                () -> assertEquals("2", server[3], "depth"),
                () -> assertEquals(client.string("chainId"), server[5], "parent chain"),
                () -> assertNotEquals("main", call.string("threadName"), "the handler ran on the scheduler's worker"),
                () -> assertEquals("ALLOW", call.string("verdict")),
                () -> assertEquals("ok Ada", run.app().observations("lookup_customer").get(2)));
    }
}
