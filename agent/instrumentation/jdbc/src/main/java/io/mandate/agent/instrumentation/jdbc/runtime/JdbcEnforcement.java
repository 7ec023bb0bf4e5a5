package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.jdbc.JdbcHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.util.function.BiConsumer;

/**
 * Decides JDBC calls: the agent-side implementation of the hooks the inlined advice dispatches to.
 *
 * The allow path of a statement costs a cache hit on its SQL text (or one weak-identity lookup for
 * a prepared statement), the enforcer's decision, two clock reads and the journal record. In
 * steady state it allocates nothing: the thread's request and in-flight call are reused once the
 * previous statement is recorded, and the journal fills its own record. Anything that goes wrong inside is reported once per place and the call
 * is decided as unknown SQL, so the policy and the agent's failure mode still say what happens.
 */
public final class JdbcEnforcement implements JdbcHooks {
    private static final String ROWS = "rows";
    private static final String ROW_READ_DISPLAY = "ResultSet.next()";

    private final Enforcer enforcer;
    private final SqlClassifier classifier;
    private final StatementRegistry registry;
    private final BiConsumer<String, Throwable> internalErrors;
    private final EpochClock clock = new EpochClock();
    private final ClassifiedSql unreadable = ClassifiedSql.unknown("(not classified: internal error)");
    private final ThreadLocal<JdbcThreadState> threads = ThreadLocal.withInitial(JdbcThreadState::new);

    public JdbcEnforcement(Enforcer enforcer, SqlClassifier classifier, StatementRegistry registry,
                           BiConsumer<String, Throwable> internalErrors) {
        this.enforcer = enforcer;
        this.classifier = classifier;
        this.registry = registry;
        this.internalErrors = internalErrors;
        enforcer.onContextClosing(this::contextClosing);
    }

    @Override
    public Object beforeExecute(Object statement, String sql, boolean batch) {
        ClassifiedSql classified;
        try {
            classified = batch ? registry.pendingBatch(statement)
                    : sql != null ? classifier.classify(sql) : registry.preparedSql(statement);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            internalErrors.accept("jdbc.classify", e);
            classified = unreadable;
        }
        try {
            return decide(classified, batch ? statement : null);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("jdbc.decide", e);
            return null;
        }
    }

    private Object decide(ClassifiedSql classified, Object batchStatement) {
        long startNanos = System.nanoTime();
        JdbcThreadState thread = threads.get();
        RowTally tally = thread.rows;
        ChainContext context = ContextHolder.current();
        if (tally.mustJournalBefore(classified.display(), context, startNanos)) {
            journalRows(tally); // the previous statement's rows come before this statement
        }
        Request free = thread.freeRequest();
        Request request = free != null ? enforcer.request(free, Kind.JDBC, context) : enforcer.request(Kind.JDBC, context);
        classified.addAccessesTo(request);
        Decision decision = enforcer.decide(request);
        if (enforcer.blocks(decision)) {
            enforcer.record(request, decision, true, classified.mainOperation(), classified.display(),
                    clock.epochNanos(startNanos), 0L, null);
            return new JdbcPolicyDenial(DenialMessages.statementDenied(classified, decision), decision.ruleId(),
                    decision.reason());
        }
        return thread.callFor(request).start(request, decision, classified.mainOperation(), classified.display(),
                clock.epochNanos(startNanos), startNanos, batchStatement, tally);
    }

    @Override
    public void afterExecute(Object call, Throwable error) {
        if (!(call instanceof InFlightCall inFlightCall)) {
            return;
        }
        try {
            long duration = System.nanoTime() - inFlightCall.startNanos;
            enforcer.record(inFlightCall.request, inFlightCall.decision, false, inFlightCall.operation,
                    inFlightCall.display, inFlightCall.startEpochNanos, duration, error);
            inFlightCall.rowTally.executing(inFlightCall.display);
            if (inFlightCall.batchStatement != null && error == null) {
                // the driver has run and reset the batch; after a failure keep it: over-reporting is safe
                registry.batchCleared(inFlightCall.batchStatement);
            }
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("jdbc.record", e);
        } finally {
            inFlightCall.finish();
        }
    }

    @Override
    public void batchExecutedNested(Object statement) {
        registry.batchCleared(statement);
    }

    @Override
    public void prepared(Object statement, String sql) {
        registry.prepared(statement, sql);
    }

    @Override
    public void batchAdded(Object statement, String sql) {
        registry.batchAdded(statement, sql);
    }

    @Override
    public void batchCleared(Object statement) {
        registry.batchCleared(statement);
    }

    @Override
    public Throwable rowRead() {
        try {
            RowTally tally = threads.get().rows;
            ChainContext context = ContextHolder.current();
            if (tally.pending() && tally.context != context) {
                journalRows(tally); // rows of the context the thread has left
            }
            if (enforcer.meters(Kind.JDBC, ROWS)) {
                Request request = enforcer.request(Kind.JDBC, context);
                Decision overBudget = enforcer.consume(request, ROWS, 1);
                if (overBudget != null) {
                    return overBudget(tally, request, overBudget, clock.epochNanos(System.nanoTime()));
                }
            }
            // the clock is read for the first row of a tally only: the rest cost a counter increment
            long nanos = tally.pending() ? 0L : System.nanoTime();
            tally.count(context, tally.pending() ? 0L : clock.epochNanos(nanos), nanos);
            return null;
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("jdbc.rows", e);
            return null;
        }
    }

    /**
     * The row that crossed a budget is journaled as a call of its own charging one row, after the
     * rows read before it, so the units of a context's records add up to what the limits counted.
     */
    private Throwable overBudget(RowTally tally, Request request, Decision overBudget, long epochNanos) {
        journalRows(tally);
        boolean blocked = enforcer.blocks(overBudget);
        enforcer.record(request, overBudget, blocked, "select", ROW_READ_DISPLAY, epochNanos, 0L, null, ROWS, 1L);
        return blocked
                ? new JdbcPolicyDenial(DenialMessages.rowsDenied(overBudget), overBudget.ruleId(), overBudget.reason())
                : null;
    }

    /** The end of a result set journals nothing by itself (see RowTally), unless the tally is due. */
    @Override
    public void rowsEnded() {
        try {
            RowTally tally = threads.get().rows;
            if (tally.dueAtResultEnd()) {
                journalRows(tally);
            }
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("jdbc.rows", e);
        }
    }

    /** A chain or step closes on this thread: its rows go to the journal before its close does. */
    private void contextClosing(ChainContext closing) {
        RowTally tally = threads.get().rows;
        if (tally.pending() && tally.context != null && tally.context.chainId().equals(closing.chainId())) {
            journalRows(tally);
        }
    }

    /** Journals the rows the thread read since they were last journaled, as one usage record. */
    private void journalRows(RowTally tally) {
        if (!tally.pending()) {
            return;
        }
        try {
            Request request = enforcer.request(Kind.JDBC, tally.context);
            enforcer.recordUsage(request, "select", tally.statement, ROWS, tally.rows, tally.calls, tally.firstEpochNanos);
        } finally {
            tally.clear();
        }
    }

    /** Forgets every statement and cached classification (detach). */
    public void forgetAll() {
        registry.clear();
        classifier.clear();
    }
}
