package io.mandate.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.apps.jdbc.SupportDeskScenarioApp;

/**
 * The support bot under the agent in enforce mode, on every JDK and database of
 * {@link ScenarioTarget#all()}: allowed calls run and are journaled as allowed, denied calls throw
 * the driver's own SQLException (SQLState 42501, a PolicyDenial naming the rule and reason), never
 * reach the database, and are journaled as blocked.
 */
class JdbcEnforceModeTest {
    private static final String MODE = "enforce";
    private static final String SALARY_REASON = "salary data is outside the support purpose";

    static List<ScenarioTarget> targets() {
        return ScenarioTarget.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void appRunsToTheEndWithAnEmptyStdout(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        run.result().assertSucceeded().assertStdoutEmpty();
        assertEquals("true", run.result().observation("agentAttached"), "the agent serves the public API");
        assertOnlyTheStartupLineOnStderr(run);
    }

    /** A quiet agent: its one startup line (version, mode, policy) and nothing else on the host's stderr. */
    static void assertOnlyTheStartupLineOnStderr(SupportDeskRun run) {
        List<String> lines = run.result().stderrLines();
        assertEquals(1, lines.size(), run.result()::describe);
        assertTrue(lines.get(0).startsWith("mandate "), lines.get(0));
        assertTrue(lines.get(0).contains(": " + run.mode() + ", policy support-desk "), lines.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedLookupRunsAndIsJournaledWithItsChainAndStep(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=1", run.outcome("lookup_customer"));

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("lookup_customer"));
        assertAll(
                () -> assertEquals("ALLOW", call.string("verdict")),
                () -> assertFalse(call.flag("blocked")),
                () -> assertEquals(MODE, call.string("mode")),
                () -> assertEquals("jdbc", call.string("kind")),
                () -> assertEquals("select", call.string("operation").toLowerCase()),
                () -> assertEquals(SupportDeskScenarioApp.AGENT, call.string("agent")),
                () -> assertEquals(SupportDeskScenarioApp.USER, call.string("user")),
                () -> assertEquals("answer ticket 1", call.string("purpose")),
                () -> assertEquals("lookup_customer", call.string("tool")),
                () -> assertEquals(run.stepOf("lookup_customer"), call.string("stepId")),
                () -> assertEquals(1L, call.longField("depth")),
                () -> assertEquals("", call.string("parentChainId")),
                () -> assertRedacted(call.string("resource"), "customers", "alice@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedNoteInsertIsWritten(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok updated=1", run.outcome("add_note"));
        assertTrue(run.notesAfter().contains("customer called back"), () -> "notes: " + run.notesAfter());

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("add_note"));
        assertEquals("ALLOW", call.string("verdict"));
        assertEquals("insert", call.string("operation").toLowerCase());
        assertRedacted(call.string("resource"), "ticket_notes", "customer called back");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void noteWrittenByAToolTheRuleDoesNotNameIsDeniedAndNotWritten(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertDenied(run.outcome("note_from_lookup_tool"));
        assertFalse(run.notesAfter().contains("note from the wrong tool"), () -> "notes: " + run.notesAfter());

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("note_from_lookup_tool"));
        assertBlockedDeny(call);
        assertEquals("lookup_customer", call.string("tool"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void promptInjectedSalaryReadIsDeniedWithItsRuleAndReason(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        String outcome = run.outcome("injected_salary_read");
        assertDenied(outcome);
        String ruleId = field(outcome, "rule");
        assertTrue(ruleId.endsWith(":" + salaryRuleLine()), () -> "rule id " + ruleId + " names the salaries deny rule");
        assertTrue(outcome.contains("reason=" + SALARY_REASON + " "), outcome);

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("injected_salary_read"));
        assertBlockedDeny(call);
        assertEquals(ruleId, call.string("ruleId"), "the journal names the rule the exception named");
        assertEquals(SALARY_REASON, call.string("reason"));
        assertEquals("summarize_ticket", call.string("tool"));
        assertEquals("select", call.string("operation").toLowerCase());
        assertTrue(call.string("resource").toLowerCase().contains("salaries"), call.string("resource"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aValidationQueryThatReadsNothingPassesTheDefaultDeny(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=1", run.outcome("validation_query"));
        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("validation_query"));
        assertEquals("ALLOW", call.string("verdict"));
        assertEquals("no-resource", call.string("ruleId"));
        assertFalse(call.flag("blocked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aServerFileFunctionBehindAnAllowedTableIsDenied(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertDenied(run.outcome("injected_server_file_read"));
        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("injected_server_file_read"));
        assertBlockedDeny(call);
        assertEquals("default", call.string("ruleId"), "the customers read is allowed; the file function is not");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedPreparedSalaryUpdateNeverReachesTheDatabase(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertDenied(run.outcome("injected_salary_wipe"));
        assertEquals(SupportDeskDatabase.SEEDED_SALARIES, run.salariesAfter());

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("injected_salary_wipe"));
        assertBlockedDeny(call);
        assertEquals("update", call.string("operation").toLowerCase());
        assertEquals(SALARY_REASON, call.string("reason"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void flaggedOrdersReadRunsAndIsJournaledAsFlagged(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=2", run.outcome("orders_read"));

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("orders_read"));
        assertEquals("FLAG", call.string("verdict"));
        assertFalse(call.flag("blocked"));
        assertEquals("orders are rarely needed for support", call.string("reason"));
        assertTrue(call.string("ruleId").endsWith(":" + Policies.lineOf(Policies.SUPPORT_DESK, "flag  jdbc select on orders")),
                call.string("ruleId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void preparedSelectIsDecidedOnItsSqlAndRuns(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=1", run.outcome("prepared_ticket_read"));

        JournalEvent call = run.journal().onlyCallInChain(run.chainOf("prepared_ticket_read"));
        assertEquals("ALLOW", call.string("verdict"));
        assertEquals("lookup_ticket", call.string("tool"));
        assertTrue(call.string("resource").toLowerCase().contains("tickets"), call.string("resource"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void preparedBatchOfAllowedInsertsRunsWhole(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok updated=3", run.outcome("prepared_note_batch"));
        assertTrue(run.notesAfter().containsAll(List.of("batched note 1", "batched note 2", "batched note 3")),
                () -> "notes: " + run.notesAfter());

        List<JournalEvent> calls = run.journal().callsInChain(run.chainOf("prepared_note_batch"));
        assertFalse(calls.isEmpty(), "the batch is journaled");
        for (JournalEvent call : calls) {
            assertEquals("ALLOW", call.string("verdict"), call::toString);
            assertEquals("insert", call.string("operation").toLowerCase(), call::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void batchSmugglingADeniedStatementRunsNoneOfIt(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertDenied(run.outcome("mixed_batch"));
        assertEquals(SupportDeskDatabase.SEEDED_SALARIES, run.salariesAfter(), "the DELETE did not run");
        assertFalse(run.notesAfter().contains("note beside a salary delete"), "nor did the allowed insert beside it");

        List<JournalEvent> calls = run.journal().callsInChain(run.chainOf("mixed_batch"));
        assertTrue(calls.stream().anyMatch(c -> c.string("verdict").equals("DENY") && c.flag("blocked")
                        && c.string("reason").equals(SALARY_REASON)),
                () -> "a blocked DENY of the salaries delete among " + calls);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void readingPastTheChainsRowBudgetThrowsOnceExceeded(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        String outcome = run.outcome("row_budget");
        assertDenied(outcome);
        String ruleId = field(outcome, "rule");
        assertTrue(ruleId.endsWith(":" + Policies.lineOf(Policies.SUPPORT_DESK, "limit jdbc rows 20 per chain")),
                () -> "rule id " + ruleId + " names the limit");
        assertEquals("20", run.result().observation("row_budget.rowsBeforeDenial"),
                "every row within the budget is delivered, the first beyond it is not");

        List<JournalEvent> calls = run.journal().callsInChain(run.chainOf("row_budget"));
        assertTrue(calls.stream().anyMatch(c -> c.string("verdict").equals("DENY") && c.flag("blocked")
                        && c.string("ruleId").equals(ruleId)),
                () -> "a blocked DENY by " + ruleId + " among " + calls);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void rowBudgetIsSharedByTheStatementsOfAChainAndFreshInTheNext(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        assertEquals("ok rows=15", run.result().observation("budget_shared.firstPage"));
        assertDenied(run.outcome("budget_shared"));
        assertEquals("5", run.result().observation("rowsBeforeDenial"), "15 + 5 rows fill the chain's budget of 20");
        assertEquals("ok rows=15", run.outcome("budget_fresh"), "a new chain has a budget of its own");

        List<JournalEvent> shared = run.journal().callsInChain(run.chainOf("budget_shared"));
        assertEquals(List.of("ALLOW", "ALLOW", "DENY"), shared.stream().map(c -> c.string("verdict")).toList(),
                () -> "two allowed reads, then the budget denial: " + shared);
        assertTrue(shared.get(2).flag("blocked"), shared.get(2)::toString);
        List<JournalEvent> fresh = run.journal().callsInChain(run.chainOf("budget_fresh"));
        assertEquals(List.of("ALLOW"), fresh.stream().map(c -> c.string("verdict")).toList(), fresh::toString);
    }

    /** Only a database server keeps a log of what it received. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mandate.it.jdbc.ScenarioTarget#postgres")
    void noStatementTouchingSalariesEverReachesThePostgresServer(ScenarioTarget target) {
        SupportDeskRun run = SupportDeskRun.of(target, MODE);
        List<String> received = run.statementsServerReceived();
        assertTrue(received.stream().anyMatch(s -> s.contains("INSERT INTO ticket_notes")),
                () -> "the server logs the app's allowed statements: " + received);
        assertEquals(List.of(), received.stream().filter(s -> s.toLowerCase().contains("salaries")).toList(),
                "denied statements are stopped in the app's JVM, before the driver sends them");
    }

    static int salaryRuleLine() {
        return Policies.lineOf(Policies.SUPPORT_DESK, "deny  jdbc * on salaries");
    }

    /** The app saw a policy denial: the driver's SQLException type, SQLState 42501, PolicyDenial. */
    static void assertDenied(String outcome) {
        assertTrue(outcome.startsWith("denied sqlstate=42501 "), () -> "expected a policy denial, got: " + outcome);
    }

    static void assertBlockedDeny(JournalEvent call) {
        assertEquals("DENY", call.string("verdict"), call::toString);
        assertTrue(call.flag("blocked"), call::toString);
        assertEquals(MODE, call.string("mode"), call::toString);
        assertFalse(call.string("ruleId").isEmpty(), call::toString);
    }

    /** The journaled SQL names the table and keeps no literal value: literals become '?'. */
    static void assertRedacted(String resource, String table, String literal) {
        assertTrue(resource.toLowerCase().contains(table), () -> resource + " names " + table);
        assertFalse(resource.contains(literal), () -> resource + " leaks the literal " + literal);
        assertTrue(resource.contains("?"), () -> resource + " shows where the literal was");
    }

    /** The value of "name=value" in an outcome, up to the next " key=". */
    static String field(String outcome, String name) {
        int start = outcome.indexOf(name + "=");
        assertTrue(start >= 0, () -> outcome + " has no " + name);
        start += name.length() + 1;
        int end = outcome.indexOf(' ', start);
        return end < 0 ? outcome.substring(start) : outcome.substring(start, end);
    }
}
