package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;

/**
 * Statement objects the agent has seen prepared or batched, keyed weakly by identity and bounded.
 * A statement the registry does not know (prepared before a late attach, or evicted under
 * pressure from more than {@code maxStatements} live statements) executes as
 * {@link #preparedUnseen}: unknown SQL, which the policy decides like any SQL it cannot read.
 */
public final class StatementRegistry {
    /** How an execution without SQL text is decided when its preparation was never seen. */
    final ClassifiedSql preparedUnseen = ClassifiedSql.unknown("(prepared before Mandate was attached)");
    /** A batch nobody saw being built: before a late attach (or a plain Statement's empty batch). */
    private final ClassifiedSql batchUnseen = ClassifiedSql.unknown("(batch built before Mandate was attached)");

    private final WeakIdentityTable<TrackedStatement> statements;
    private final SqlClassifier classifier;
    private final int maxDisplay;

    public StatementRegistry(int maxStatements, SqlClassifier classifier, int maxDisplay) {
        this.statements = new WeakIdentityTable<>(maxStatements);
        this.classifier = classifier;
        this.maxDisplay = maxDisplay;
    }

    public void prepared(Object statement, String sql) {
        statements.put(statement, new TrackedStatement(sql));
    }

    public void batchAdded(Object statement, String sql) {
        TrackedStatement tracked = statements.get(statement);
        if (tracked == null) {
            tracked = new TrackedStatement(null);
            statements.put(statement, tracked);
        }
        tracked.added(sql);
    }

    public void batchCleared(Object statement) {
        TrackedStatement tracked = statements.get(statement);
        if (tracked != null) {
            tracked.cleared();
        }
    }

    /** The SQL a PreparedStatement / CallableStatement was prepared with, classified. */
    public ClassifiedSql preparedSql(Object statement) {
        TrackedStatement tracked = statements.get(statement);
        return tracked == null ? preparedUnseen : tracked.prepared(classifier, preparedUnseen);
    }

    /** Every statement of the pending batch, as one classification. */
    public ClassifiedSql pendingBatch(Object statement) {
        TrackedStatement tracked = statements.get(statement);
        return tracked == null ? batchUnseen
                : tracked.batch(classifier, preparedUnseen, maxDisplay);
    }

    int size() {
        return statements.size();
    }

    public void clear() {
        statements.clear();
    }
}
