package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;

import java.util.ArrayList;
import java.util.List;

/**
 * What the agent remembers about one Statement object: the SQL it was prepared with (null for a
 * plain Statement, or for a PreparedStatement prepared before the agent was attached) and the
 * batch the application has built on it so far. Holds no reference to the statement itself, so
 * the weak registry entry never keeps the statement alive.
 *
 * JDBC statements are used by one thread at a time, but the lock keeps this state consistent for
 * applications that do share them.
 */
final class TrackedStatement {
    private final String preparedSql;
    /** Classified on first execution; racing threads would compute the same immutable value. */
    private volatile ClassifiedSql prepared;
    private List<String> batchSql;
    private int preparedBatchCount;

    TrackedStatement(String preparedSql) {
        this.preparedSql = preparedSql;
    }

    /** The prepared SQL's classification; unknown when it was prepared before the agent came. */
    ClassifiedSql prepared(SqlClassifier classifier, ClassifiedSql preparedUnseen) {
        if (preparedSql == null) {
            return preparedUnseen;
        }
        ClassifiedSql known = prepared;
        if (known == null) {
            known = classifier.classify(preparedSql);
            prepared = known;
        }
        return known;
    }

    synchronized void added(String sql) {
        if (sql == null) {
            preparedBatchCount++;
            return;
        }
        if (batchSql == null) {
            batchSql = new ArrayList<>();
        }
        batchSql.add(sql);
    }

    synchronized void cleared() {
        batchSql = null;
        preparedBatchCount = 0;
    }

    /** One classification for the whole pending batch: every statement's accesses. */
    synchronized ClassifiedSql batch(SqlClassifier classifier, ClassifiedSql preparedUnseen, int maxDisplay) {
        List<ClassifiedSql> parts = new ArrayList<>();
        BatchDisplay display = new BatchDisplay(maxDisplay);
        if (preparedSql != null || preparedBatchCount > 0) {
            ClassifiedSql statement = prepared(classifier, preparedUnseen);
            parts.add(statement);
            display.add(statement.display(), Math.max(preparedBatchCount, 1));
        }
        if (batchSql != null) {
            for (String sql : batchSql) {
                ClassifiedSql statement = classifier.classify(sql);
                parts.add(statement);
                display.add(statement.display(), 1);
            }
        }
        return ClassifiedSql.combine(parts, display.toString());
    }
}
