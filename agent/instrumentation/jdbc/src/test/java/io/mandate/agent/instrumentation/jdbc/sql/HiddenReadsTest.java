package io.mandate.agent.instrumentation.jdbc.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way of reaching the salaries table the agent knows of must either name it or be unknown
 * SQL: never a classification that leaves it out (which the policy would then allow).
 */
class HiddenReadsTest {
    private final SqlClassifier classifier = new SqlClassifier(1000, 1_000_000, 100_000, new SqlRedactor(2000),
            (where, error) -> {
                throw new AssertionError(where, error);
            });

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "TABLE salaries",
        "SELECT * FROM hr.salaries s TABLESAMPLE SYSTEM (10)",
        "SELECT * FROM customers c, LATERAL (SELECT * FROM salaries s WHERE s.id = c.id) x",
        "SELECT * FROM customers NATURAL JOIN salaries",
        "SELECT * FROM customers CROSS JOIN salaries",
        "SELECT * FROM customers FULL OUTER JOIN salaries ON true",
        "DELETE FROM notes USING salaries WHERE notes.id = salaries.id",
        "UPDATE notes SET body = s.amount FROM salaries s WHERE s.id = notes.id",
        "SELECT * INTO TEMP copy FROM salaries",
        "WITH x AS MATERIALIZED (SELECT * FROM salaries) SELECT * FROM x",
        "SELECT (SELECT amount FROM salaries LIMIT 1)",
        "SELECT * FROM customers WHERE id = ANY (SELECT id FROM salaries)",
        "INSERT INTO notes (body) SELECT amount::text FROM salaries",
        "SELECT ARRAY(SELECT amount FROM salaries)",
        "SELECT EXISTS (SELECT 1 FROM salaries)",
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM salaries) THEN 1 ELSE 0 END",
        "SELECT * FROM customers ORDER BY (SELECT max(amount) FROM salaries)",
        "SELECT id FROM customers GROUP BY id HAVING count(*) > (SELECT count(*) FROM salaries)",
        "SELECT max(amount) OVER (PARTITION BY id) FROM salaries",
        "SELECT * FROM customers UNION ALL SELECT * FROM salaries",
        "SELECT * FROM customers INTERSECT SELECT * FROM salaries",
        "SELECT * FROM customers EXCEPT SELECT * FROM salaries",
        "(SELECT * FROM salaries)",
        "SELECT * FROM ((SELECT * FROM salaries)) AS t",
        "SELECT * FROM customers; SELECT * FROM salaries",
        "SELECT * FROM customers WHERE name = 'x'; DROP TABLE salaries; --",
        "SELECT * FROM customers WHERE name = 'it''s' UNION SELECT * FROM salaries",
        "SELECT * FROM customers WHERE name = 'C:\\' UNION SELECT * FROM salaries --'",
        "SELECT * FROM customers WHERE name = \"x\" UNION SELECT * FROM salaries",
        "SELECT * FROM \"SALARIES\"",
        "SELECT * FROM `salaries`",
        "SELECT * FROM public . salaries",
        "select * from SaLaRiEs",
        "SELECT * FROM customers /*!UNION SELECT * FROM salaries*/",
        "SELECT * FROM customers /*M!100000 UNION SELECT * FROM salaries*/",
        "WITH salaries AS (SELECT * FROM salaries) SELECT * FROM salaries",
        "WITH a AS (SELECT 1) , b AS (SELECT * FROM salaries) SELECT * FROM a, b",
        "WITH RECURSIVE r AS (SELECT * FROM salaries UNION ALL SELECT * FROM r) SELECT * FROM r",
        "SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) q JOIN salaries ON true",
        "SELECT * FROM (SELECT 1) salaries JOIN salaries s ON true",
        "MERGE INTO notes n USING salaries s ON n.id = s.id WHEN MATCHED THEN UPDATE SET body = 'x'",
        "MERGE INTO notes n USING (SELECT * FROM salaries) s ON n.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id)",
        "CREATE TABLE leak AS SELECT * FROM salaries",
        "CREATE VIEW leak AS SELECT * FROM salaries",
        "EXPLAIN ANALYZE SELECT * FROM salaries",
        "COPY salaries TO STDOUT",
        "SELECT * FROM salaries FOR UPDATE SKIP LOCKED",
        "SELECT * FROM customers WHERE id IN (SELECT id FROM (SELECT id FROM (SELECT id FROM salaries) a) b)",
        "UPDATE customers SET name = (SELECT max(amount) FROM salaries)::text",
        "INSERT INTO notes VALUES ((SELECT max(amount) FROM salaries))",
        "DELETE FROM customers WHERE EXISTS (SELECT 1 FROM salaries)",
        "{call dump(?)} ; SELECT * FROM salaries",
        "SELECT * FROM customers -- \n UNION SELECT * FROM salaries",
        "SELECT * FROM customers /* a */ UNION /* b */ SELECT * FROM salaries",
        "SELECT * FROM [salaries]",
        "SELECT * FROM dbo.[salaries]",
        "SELECT TOP 10 * FROM salaries",
        "SELECT * FROM salaries LIMIT 1 OFFSET 0",
        "SELECT * FROM salaries FETCH FIRST 1 ROWS ONLY",
        "SELECT * FROM salaries WITH (NOLOCK)",
        "INSERT INTO salaries SELECT * FROM customers",
        "INSERT INTO salaries (id, amount) VALUES (1, 2) ON CONFLICT DO NOTHING",
        "REPLACE INTO salaries VALUES (1, 2)",
        "UPSERT INTO salaries VALUES (1, 2)",
        "TRUNCATE salaries",
        "ALTER TABLE salaries RENAME TO wages",
        "DROP TABLE IF EXISTS salaries CASCADE",
        "GRANT SELECT ON salaries TO PUBLIC",
        "COMMENT ON TABLE salaries IS 'x'",
        "LOCK TABLE salaries IN ACCESS EXCLUSIVE MODE",
        "VACUUM salaries",
        "ANALYZE salaries",
    })
    void readsOfSalariesAreNeverHidden(String sql) {
        ClassifiedSql classified = classifier.classify(sql);
        boolean named = false;
        boolean unknown = false;
        for (int i = 0; i < classified.accessCount(); i++) {
            named |= classified.resource(i).equals("salaries") || classified.resource(i).endsWith(".salaries");
            unknown |= classified.operation(i).equals("unknown");
        }
        assertTrue(named || unknown, () -> sql + " -> " + classified);
    }
}
