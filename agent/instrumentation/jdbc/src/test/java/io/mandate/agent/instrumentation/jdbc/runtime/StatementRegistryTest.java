package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.agent.instrumentation.jdbc.sql.ClassifiedSql;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StatementRegistryTest {
    private final SqlClassifier classifier = new SqlClassifier(100, 100_000, 10_000, new SqlRedactor(500),
            (where, error) -> {
                throw new AssertionError(where, error);
            });
    private final StatementRegistry registry = new StatementRegistry(1000, classifier, 500);

    @Test
    void preparedSqlIsClassifiedOncePerStatement() {
        Object statement = new Object();
        registry.prepared(statement, "SELECT * FROM customers WHERE id = ?");
        ClassifiedSql first = registry.preparedSql(statement);
        assertEquals("select customers", first.toString());
        assertSame(first, registry.preparedSql(statement));
    }

    @Test
    void unseenStatementIsUnknownSql() {
        ClassifiedSql unseen = registry.preparedSql(new Object());
        assertEquals("unknown ", unseen.toString());
        assertEquals("(prepared before Mandate was attached)", unseen.display());
    }

    @Test
    void statementBatchCombinesEveryStatementOnce() {
        Object statement = new Object();
        registry.batchAdded(statement, "INSERT INTO notes VALUES (1, 'a')");
        registry.batchAdded(statement, "INSERT INTO notes VALUES (2, 'b')");
        registry.batchAdded(statement, "UPDATE customers SET name = 'x' WHERE id IN (SELECT id FROM vip)");
        ClassifiedSql batch = registry.pendingBatch(statement);
        assertEquals("insert notes, update customers, select vip", batch.toString());
        assertEquals("batch: INSERT INTO notes VALUES (?, ?) x2; UPDATE customers SET name = ? WHERE id IN (SELECT id FROM vip) x1",
                batch.display());
    }

    @Test
    void preparedBatchCountsParameterSets() {
        Object statement = new Object();
        registry.prepared(statement, "DELETE FROM sessions WHERE id = ?");
        registry.batchAdded(statement, null);
        registry.batchAdded(statement, null);
        ClassifiedSql batch = registry.pendingBatch(statement);
        assertEquals("delete sessions", batch.toString());
        assertEquals("batch: DELETE FROM sessions WHERE id = ? x2", batch.display());
    }

    @Test
    void preparedBatchOfAStatementPreparedBeforeAttachIsUnknown() {
        Object statement = new Object();
        registry.batchAdded(statement, null);
        assertEquals("unknown ", registry.pendingBatch(statement).toString());
    }

    @Test
    void clearedBatchIsEmptyAndUnknownBatchIsUnknown() {
        Object statement = new Object();
        registry.batchAdded(statement, "DELETE FROM salaries");
        registry.batchCleared(statement);
        assertEquals(0, registry.pendingBatch(statement).accessCount());
        assertEquals("(empty batch)", registry.pendingBatch(statement).display());
        assertEquals("unknown ", registry.pendingBatch(new Object()).toString());
    }
}
