package io.mandate.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mandate.agent.journal.JournalEvent;

/**
 * The same support bot with the agent in audit mode: nothing is stopped (the database shows the
 * denied statements did run), yet every call is journaled with the verdict enforce mode would
 * have acted on, not blocked, in mode "audit". This is how a policy is tried on production traffic.
 */
class JdbcAuditModeTest {
    private static final String MODE = "audit";
    private static final String SALARY_REASON = "salary data is outside the support purpose";

    static List<ScenarioTarget> targets() {
        return ScenarioTarget.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void appRunsToTheEndWithAnEmptyStdout(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        run.result().assertSucceeded().assertStdoutEmpty();
        JdbcEnforceModeTest.assertOnlyTheStartupLineOnStderr(run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedSalaryReadRunsAndIsJournaledAsAnUnblockedDeny(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=3", run.outcome("injected_salary_read"), "audit mode never stops a call");

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("injected_salary_read"));
        assertUnblockedDeny(call);
        assertTrue(call.string("ruleId").endsWith(":" + JdbcEnforceModeTest.salaryRuleLine()), call.string("ruleId"));
        assertEquals(SALARY_REASON, call.string("reason"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedStatementsReachTheDatabaseInAuditMode(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok updated=1", run.outcome("injected_salary_wipe"));
        assertEquals("ok updated=1", run.outcome("note_from_lookup_tool"));
        assertTrue(run.outcome("mixed_batch").startsWith("ok updated="), run.outcome("mixed_batch"));
        // The wipe zeroed carol's salary, then the smuggled batch deleted every salary.
        assertEquals(Map.of(), run.salariesAfter());
        assertTrue(run.notesAfter().containsAll(List.of("note from the wrong tool", "note beside a salary delete")),
                () -> "notes: " + run.notesAfter());

        assertUnblockedDeny(run.journal().onlyCallInChain(run.chainOf("injected_salary_wipe")));
        assertUnblockedDeny(run.journal().onlyCallInChain(run.chainOf("note_from_lookup_tool")));
        List<JournalEvent> batch = run.journal().callsInChain(run.chainOf("mixed_batch"));
        assertTrue(batch.stream().anyMatch(c -> c.string("verdict").equals("DENY") && !c.flag("blocked")
                && c.string("mode").equals(MODE)), () -> "an unblocked DENY among " + batch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mandate.it.jdbc.ScenarioTarget#postgres")
    void deniedStatementsAreSentToThePostgresServerInAuditMode(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        List<String> received = run.statementsServerReceived();
        assertTrue(received.stream().anyMatch(s -> s.contains("SELECT employee, amount FROM salaries")), () -> "" + received);
        assertTrue(received.stream().anyMatch(s -> s.contains("UPDATE salaries SET amount = $1 WHERE employee = $2")),
                () -> "" + received);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedAndFlaggedCallsAreJournaledInAuditModeToo(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=1", run.outcome("lookup_customer"));
        assertEquals("ok rows=2", run.outcome("orders_read"));

        JournalEvent lookup = run.journal().onlyCallInChain(run.chainOf("lookup_customer"));
        assertEquals("ALLOW", lookup.string("verdict"));
        assertEquals(MODE, lookup.string("mode"));
        JournalEvent orders = run.journal().onlyCallInChain(run.chainOf("orders_read"));
        assertEquals("FLAG", orders.string("verdict"));
        assertEquals(MODE, orders.string("mode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void exceededRowBudgetIsRecordedButEveryRowIsDelivered(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=" + SupportDeskDatabase.TICKETS, run.outcome("row_budget"));
        assertEquals("ok rows=15", run.result().observation("budget_shared.firstPage"));
        assertEquals("ok rows=15", run.outcome("budget_shared"));

        // Audit mode exists to show what enforce mode would stop: a budget overrun must be journaled.
        String limitLine = ":" + Policies.lineOf(Policies.SUPPORT_DESK, "limit jdbc rows 20 per chain");
        List<JournalEvent> calls = run.journal().callsInChain(run.chainOf("row_budget"));
        assertTrue(calls.stream().anyMatch(c -> c.string("verdict").equals("DENY") && !c.flag("blocked")
                        && c.string("ruleId").endsWith(limitLine)),
                () -> "an unblocked DENY by the row limit among " + calls);
    }

    private static void assertUnblockedDeny(JournalEvent call) {
        assertEquals("DENY", call.string("verdict"), call::toString);
        assertFalse(call.flag("blocked"), call::toString);
        assertEquals(MODE, call.string("mode"), call::toString);
        assertFalse(call.string("ruleId").isEmpty(), call::toString);
    }
}
