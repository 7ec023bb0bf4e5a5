package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.bootstrap.jdbc.JdbcHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.util.function.BiConsumer;

/**
 * Decides JDBC calls: the agent-side implementation of the hooks the inlined advice dispatches to.
 *
 * The allow path of a statement costs a cache hit on its SQL text (or one weak-identity lookup for
 * a prepared statement), the enforcer's decision, two clock reads and the journal record; it
 * allocates nothing here. Anything that goes wrong inside is reported once per place and the call
 * is decided as unknown SQL, so the policy and the agent's failure mode still say what happens.
 */
public final class JdbcEnforcement implements JdbcHooks {
    private static final String ROWS = "rows";
    private static final String ROW_READ_DISPLAY = "ResultSet.next()";

    private final Enforcer enforcer;
    private final VolumeMeter rows;
    private final SqlClassifier classifier;
    private final StatementRegistry registry;
    private final BiConsumer<String, Throwable> internalErrors;
    private final EpochClock clock = new EpochClock();
    private final ClassifiedSql unreadable = ClassifiedSql.unknown("(not classified: internal error)");

    public JdbcEnforcement(Enforcer enforcer, SqlClassifier classifier, StatementRegistry registry,
                           BiConsumer<String, Throwable> internalErrors) {
        this.enforcer = enforcer;
        this.rows = new VolumeMeter(enforcer, internalErrors);
        this.classifier = classifier;
        this.registry = registry;
        this.internalErrors = internalErrors;
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
        Request request = enforcer.request(Kind.JDBC);
        classified.addAccessesTo(request);
        Decision decision = enforcer.decide(request);
        if (enforcer.blocks(decision)) {
            enforcer.record(request, decision, true, classified.mainOperation(), classified.display(),
                    clock.epochNanos(startNanos), 0L, null);
            return new JdbcPolicyDenial(DenialMessages.statementDenied(classified, decision), decision.ruleId(),
                    decision.reason());
        }
        return new InFlightCall().start(request, decision, classified.mainOperation(), classified.display(),
                clock.epochNanos(startNanos), startNanos, batchStatement);
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
            if (inFlightCall.batchStatement != null && error == null) {
                // the driver has run and reset the batch; after a failure keep it: over-reporting is safe
                registry.batchCleared(inFlightCall.batchStatement);
            }
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("jdbc.record", e);
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
    public boolean metersRows() {
        return rows.meters(Kind.JDBC, ROWS);
    }

    @Override
    public Throwable rowRead() {
        Decision overBudget = rows.charge(Kind.JDBC, ROWS, 1, "select", ROW_READ_DISPLAY, VolumeMeter.AS_GIVEN);
        return overBudget == null ? null
                : new JdbcPolicyDenial(DenialMessages.rowsDenied(overBudget), overBudget.ruleId(), overBudget.reason());
    }

    /** Forgets every statement and cached classification (detach). */
    public void forgetAll() {
        registry.clear();
        classifier.clear();
    }
}
