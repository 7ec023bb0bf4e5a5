package io.mandate.it.journal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.apps.jdbc.DelegatingSupportBotApp;
import io.mandate.it.jdbc.Policies;
import io.mandate.it.jdbc.ScenarioTarget;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

/**
 * The journal of one small, fixed run read back event by event: the lifecycle (journal open,
 * agent start, policy load, chain open and close, agent stop) in order around the calls, and every
 * field of every call: who (agent, chain, parent, depth, step, tool, purpose, user), what
 * (operation, SQL with literals replaced by '?'), the decision (verdict, rule, reason, mode,
 * blocked), when (timestamp, sequence, duration) and where (pid, thread).
 */
class JournalContentsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mandate.it.jdbc.ScenarioTarget#h2")
    void journalRecordsTheRunEventByEvent(ScenarioTarget target, @TempDir Path workDir) throws SQLException {
        SupportDeskDatabase database = SupportDeskDatabase.h2(workDir);
        Path journalDir = workDir.resolve("journal");
        long startedNanos = epochNanosNow();
        JvmResult result = AgentJvm.withAgent("policy=" + Policies.SUPPORT_DESK + ",mode=enforce,journal=" + journalDir)
                .jdk(target.javaHome())
                .mainClass(DelegatingSupportBotApp.class)
                .appLibraries("h2")
                .args(database.jdbcUrl(), database.user(), database.password())
                .workDir(workDir)
                .run()
                .assertSucceeded()
                .assertStdoutEmpty();
        long finishedNanos = epochNanosNow();

        assertEquals("ok rows=1", result.observation("lookup"));
        assertEquals("ok rows=1", result.observation("search"));
        assertTrue(result.observation("payroll").startsWith("denied sqlstate=42501 "), result.observation("payroll"));
        assertEquals("2", result.observation("child.depth"));

        JournalEvents journal = JournalEvents.read(journalDir);
        List<JournalEvent> events = journal.all();
        String rootChain = result.observation("root.chain");
        String childChain = result.observation("child.chain");
        int pid = Integer.parseInt(result.observation("pid"));

        // Header of every event: one writer (this JVM), sequence contiguous from 0, taken during the run.
        for (int i = 0; i < events.size(); i++) {
            JournalEvent event = events.get(i);
            int position = i;
            assertAll("event " + i + ": " + event,
                    () -> assertEquals(position, event.sequence(), "contiguous sequence"),
                    () -> assertEquals(pid, event.pid(), "the app's pid"),
                    () -> assertTrue(event.epochNanos() >= startedNanos && event.epochNanos() <= finishedNanos,
                            () -> "timestamp " + Instant.ofEpochSecond(0, event.epochNanos()) + " within the run"));
        }

        // Lifecycle and calls in the order they happened.
        List<Predicate<JournalEvent>> expectedOrder = List.of(
                type("journal.open"),
                type("agent.start"),
                type("policy.load"),
                type("chain.open").and(mentions(rootChain)),
                call(rootChain, "lookup_customer"),
                type("chain.open").and(mentions(childChain)),
                call(childChain, "search_tickets"),
                call(childChain, "read_payroll"),
                type("chain.close").and(mentions(childChain)),
                type("chain.close").and(mentions(rootChain)),
                type("agent.stop"),
                type("journal.close"));
        assertInOrder(events, expectedOrder, journal);
        assertEquals("journal.open", events.get(0).type(), journal::dump);
        assertEquals("journal.close", events.get(events.size() - 1).type(), journal::dump);
        assertEquals(3, journal.calls().size(), journal::dump);

        JournalEvent policyLoad = journal.ofType("policy.load").get(0);
        assertTrue(policyLoad.fields().values().stream().anyMatch(v -> String.valueOf(v).contains("support-desk")),
                () -> "policy.load names the policy: " + policyLoad);

        JournalEvent lookup = journal.callsInChain(rootChain).get(0);
        assertAll("lookup " + lookup,
                () -> assertEquals(DelegatingSupportBotApp.ROOT_AGENT, lookup.string("agent")),
                () -> assertEquals(rootChain, lookup.string("chainId")),
                () -> assertEquals("", lookup.string("parentChainId")),
                () -> assertEquals(rootChain, lookup.string("rootChainId")),
                () -> assertEquals(1L, lookup.longField("depth")),
                () -> assertEquals(result.observation("lookup.step"), lookup.string("stepId")),
                () -> assertEquals("lookup_customer", lookup.string("tool")),
                () -> assertEquals(DelegatingSupportBotApp.ROOT_PURPOSE, lookup.string("purpose")),
                () -> assertEquals(DelegatingSupportBotApp.USER, lookup.string("user")),
                () -> assertEquals("jdbc", lookup.string("kind")),
                () -> assertEquals("select", lookup.string("operation").toLowerCase()),
                () -> assertEquals("SELECT name FROM customers WHERE id = ?", lookup.string("resource")),
                () -> assertEquals("ALLOW", lookup.string("verdict")),
                () -> assertTrue(lookup.string("ruleId").endsWith(":"
                        + Policies.lineOf(Policies.SUPPORT_DESK, "allow jdbc select on customers")), lookup.string("ruleId")),
                () -> assertEquals("enforce", lookup.string("mode")),
                () -> assertFalse(lookup.flag("blocked")),
                () -> assertEquals("", lookup.string("error")),
                () -> assertTrue(lookup.longField("durationNanos") > 0, "the call took time"),
                () -> assertTrue(lookup.longField("durationNanos") < finishedNanos - startedNanos),
                () -> assertEquals(DelegatingSupportBotApp.THREAD, lookup.string("threadName")),
                () -> assertFalse(lookup.string("policyHash").isEmpty()));

        List<JournalEvent> childCalls = journal.callsInChain(childChain);
        JournalEvent search = childCalls.get(0);
        assertAll("search " + search,
                () -> assertEquals(DelegatingSupportBotApp.CHILD_AGENT, search.string("agent")),
                () -> assertEquals(rootChain, search.string("parentChainId")),
                () -> assertEquals(rootChain, search.string("rootChainId")),
                () -> assertEquals(2L, search.longField("depth")),
                () -> assertEquals(result.observation("search.step"), search.string("stepId")),
                () -> assertEquals("search_tickets", search.string("tool")),
                () -> assertEquals(DelegatingSupportBotApp.CHILD_PURPOSE, search.string("purpose")),
                () -> assertEquals(DelegatingSupportBotApp.USER, search.string("user"), "the user is inherited"),
                () -> assertEquals("SELECT id FROM tickets WHERE subject = ?", search.string("resource")),
                () -> assertEquals("ALLOW", search.string("verdict")),
                () -> assertEquals(DelegatingSupportBotApp.THREAD, search.string("threadName")));

        JournalEvent payroll = childCalls.get(1);
        assertAll("payroll " + payroll,
                () -> assertEquals(result.observation("payroll.step"), payroll.string("stepId")),
                () -> assertEquals("read_payroll", payroll.string("tool")),
                () -> assertEquals("SELECT employee, amount FROM salaries", payroll.string("resource")),
                () -> assertEquals("DENY", payroll.string("verdict")),
                () -> assertTrue(payroll.flag("blocked")),
                () -> assertTrue(payroll.string("ruleId").endsWith(":"
                        + Policies.lineOf(Policies.SUPPORT_DESK, "deny  jdbc * on salaries")), payroll.string("ruleId")),
                () -> assertTrue(result.observation("payroll").contains("rule=" + payroll.string("ruleId") + " "),
                        "the exception and the journal name the same rule"),
                () -> assertEquals("salary data is outside the support purpose", payroll.string("reason")),
                () -> assertEquals("enforce", payroll.string("mode")));
        assertNotEquals(lookup.string("stepId"), search.string("stepId"));
    }

    private static Predicate<JournalEvent> type(String type) {
        return e -> e.type().equals(type);
    }

    private static Predicate<JournalEvent> mentions(String value) {
        return e -> e.fields().containsValue(value);
    }

    private static Predicate<JournalEvent> call(String chainId, String tool) {
        return e -> e.type().equals(JournalEvents.CALL) && e.string("chainId").equals(chainId) && e.string("tool").equals(tool);
    }

    /** Each expectation matches a later event than the one before it (other events may sit between). */
    private static void assertInOrder(List<JournalEvent> events, List<Predicate<JournalEvent>> expectations, JournalEvents journal) {
        int next = 0;
        List<Integer> matched = new ArrayList<>();
        for (int e = 0; e < expectations.size(); e++) {
            int found = -1;
            for (int i = next; i < events.size(); i++) {
                if (expectations.get(e).test(events.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                throw new AssertionError("expectation #" + (e + 1) + " of the event order found no event after index "
                        + (next - 1) + " (matched so far at " + matched + ")\n" + journal.dump());
            }
            matched.add(found);
            next = found + 1;
        }
    }

    private static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
