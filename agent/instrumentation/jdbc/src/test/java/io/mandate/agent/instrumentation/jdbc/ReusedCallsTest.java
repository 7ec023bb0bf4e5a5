package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.PolicyEnforcer;
import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.agent.instrumentation.jdbc.runtime.JdbcEnforcement;
import io.mandate.agent.instrumentation.jdbc.runtime.StatementRegistry;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread's statements reuse its request and in-flight call once the previous statement is
 * recorded: each is still journaled with its own tables and chain, a statement decided while
 * another is in flight on the thread gets its own, and the allow path allocates nothing.
 */
class ReusedCallsTest {
    private static final String POLICY = String.join("\n",
            "policy \"reuse\"",
            "default deny",
            "agent \"*\" {",
            "  allow jdbc select on customers, orders",
            "}",
            "");

    private final List<String> internalErrors = new ArrayList<>();
    private final ClaimingJournal journal = new ClaimingJournal();
    private final SqlClassifier classifier = new SqlClassifier(100, 100_000, 10_000, new SqlRedactor(500),
            (where, error) -> internalErrors.add(where));
    private final JdbcEnforcement hooks = new JdbcEnforcement(enforcer(), classifier,
            new StatementRegistry(100, classifier, 500), (where, error) -> internalErrors.add(where));

    @AfterEach
    void leaveChain() {
        ContextHolder.restore(null);
    }

    @Test
    void consecutiveStatementsAreEachJournaledWithTheirOwnTablesAndChain() {
        ContextHolder.attach(ChainContext.root("billing-bot", "chain-1", "invoices", "alice"));
        hooks.afterExecute(hooks.beforeExecute(new Object(), "SELECT * FROM customers", false), null);
        ContextHolder.attach(ChainContext.root("support-bot", "chain-2", "tickets", "bob"));
        hooks.afterExecute(hooks.beforeExecute(new Object(), "SELECT * FROM orders JOIN customers ON 1=1", false), null);
        ContextHolder.restore(null);
        hooks.afterExecute(hooks.beforeExecute(new Object(), "SELECT * FROM orders", false), null);

        assertEquals(List.of(
                "billing-bot chain-1 alice [select customers] ALLOW",
                "support-bot chain-2 bob [select orders, select customers] ALLOW",
                "app   [select orders] ALLOW"), journal.recorded);
        assertEquals(List.of(), internalErrors);
    }

    @Test
    void aStatementDecidedWhileAnotherIsInFlightGetsItsOwnRequest() {
        Object first = hooks.beforeExecute(new Object(), "SELECT * FROM customers", false);
        // the first call's exit has not run yet (a driver running another statement on the thread)
        Object second = hooks.beforeExecute(new Object(), "SELECT * FROM orders", false);
        assertNotSame(first, second);
        hooks.afterExecute(second, null);
        hooks.afterExecute(first, null);
        Object third = hooks.beforeExecute(new Object(), "SELECT * FROM orders", false);
        hooks.afterExecute(third, null);

        assertEquals(List.of(
                "app   [select orders] ALLOW",
                "app   [select customers] ALLOW",
                "app   [select orders] ALLOW"), journal.recorded);
        assertTrue(first == third || second == third, "the thread's call is reused once it is free again");
    }

    @Test
    void theAllowPathAllocatesNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        journal.keep = false;
        ContextHolder.attach(ChainContext.root("billing-bot", "chain-1", "invoices", "alice").withStep("s-1", "lookup", "ab12"));
        Object statement = new Object();
        for (int i = 0; i < 20_000; i++) { // warm-up: thread-locals, classification cache, JIT
            hooks.afterExecute(hooks.beforeExecute(statement, "SELECT * FROM customers WHERE id = 7", false), null);
        }

        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 10_000; i++) {
            hooks.afterExecute(hooks.beforeExecute(statement, "SELECT * FROM customers WHERE id = 7", false), null);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(30_000, journal.published);
        // was ~390 bytes a call (request, in-flight call, journal record and their arrays); a few
        // bytes a call of slack for what the interpreter or a compilation might allocate once
        assertTrue(allocated < 10_000 * 16L, "allocated " + allocated + " bytes over 10,000 allowed statements");
        assertEquals(List.of(), internalErrors);
    }

    private PolicyEnforcer enforcer() {
        LoadResult loaded = PolicyLoader.parse("reuse.mandate", POLICY);
        if (!loaded.ok()) {
            throw new IllegalArgumentException(loaded.render());
        }
        return new PolicyEnforcer(loaded.policy(), Mode.ENFORCE, OnError.CLOSED, "app", new LimitCounters(),
                new RevocationRegistry(), journal, new InternalErrors("test"));
    }

    /** Hands out one record, filled in place as the ring's cells are, and keeps what each call said. */
    private static final class ClaimingJournal implements Journal {
        private final CallRecord cell = new CallRecord();
        final List<String> recorded = new ArrayList<>();
        boolean keep = true;
        long published;

        @Override
        public CallRecord claimCall() {
            return cell;
        }

        @Override
        public void publishClaimed(CallRecord claimed, boolean complete) {
            published++;
            if (keep && complete && !claimed.usage) {
                List<String> accesses = new ArrayList<>();
                for (int i = 0; i < claimed.accessCount; i++) {
                    accesses.add(claimed.accessOperations[i] + " " + claimed.accessResources[i]);
                }
                recorded.add(claimed.agent + " " + claimed.chainId + " " + claimed.user + " "
                        + String.join(", ", accesses).replaceAll("^(.*)$", "[$1]") + " " + claimed.verdict);
            }
        }

        @Override
        public void recordCall(CallRecord call) {
            throw new AssertionError("the enforcer claims records; it does not hand its own over");
        }

        @Override
        public void recordLifecycle(String type, Map<String, String> attributes) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
