package io.mandate.agent.instrumentation.jdbc.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlClassifierTest {
    private final List<Throwable> internalErrors = new ArrayList<>();
    private final SqlClassifier classifier = new SqlClassifier(1000, 1_000_000, 100_000, new SqlRedactor(2000),
            (where, error) -> internalErrors.add(error));

    /** Accesses rendered "op table, op table" in the classifier's order. */
    private String accesses(String sql) {
        return classifier.classify(sql).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM customers WHERE id = ?                                   | select customers",
        "select c.name, o.total from customers c join orders o on o.cid = c.id | select customers, select orders",
        "SELECT * FROM public.customers                                         | select public.customers",
        "SELECT * FROM \"Public\".\"Customers\"                                 | select public.customers",
        "SELECT * FROM `Shop`.`Orders`                                          | select shop.orders",
        "SELECT * FROM [dbo].[Invoices]                                         | select dbo.invoices",
        "SELECT * FROM CUSTOMERS                                                | select customers",
        "SELECT * FROM db1.hr.salaries                                          | select hr.salaries",
        "SELECT * FROM a WHERE x IN (SELECT y FROM b WHERE z = (SELECT max(z) FROM c)) | select a, select b, select c",
        "SELECT * FROM a WHERE EXISTS (SELECT 1 FROM salaries s WHERE s.id = a.id) | select a, select salaries",
        "SELECT (SELECT count(*) FROM salaries) AS n FROM customers             | select salaries, select customers",
        "SELECT * FROM a UNION SELECT * FROM b                                  | select a, select b",
        "SELECT * FROM (SELECT * FROM salaries) t                               | select salaries",
        "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN customers c ON c.id = recent.cid | select orders, select customers",
        "WITH \"Recent\" AS (SELECT * FROM orders) SELECT * FROM recent         | select orders",
        "WITH salaries AS (SELECT * FROM salaries) SELECT * FROM salaries       | select salaries",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t | ''",
        "SELECT * FROM (WITH salaries AS (SELECT 1 AS x) SELECT * FROM salaries) a, salaries | select salaries",
        "SELECT * FROM (SELECT 1 AS x) salaries, salaries s2                    | select salaries",
        "INSERT INTO a SELECT * FROM b JOIN c ON b.id = c.id                   | insert a, select b, select c",
        "INSERT INTO audit_log (id, msg) VALUES (?, ?)                          | insert audit_log",
        "insert into t values (1, 'x'), (2, 'y')                                | insert t",
        "INSERT INTO t (id, v) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v | insert t, update t",
        "INSERT INTO t (id, v) VALUES (?, ?) ON CONFLICT (id) DO NOTHING        | insert t",
        "INSERT INTO t (id, v) VALUES (1, 2) ON DUPLICATE KEY UPDATE v = 3      | insert t, update t",
        "MERGE INTO t KEY (id) VALUES (1, 'x')                                  | merge t",
        "merge into PUBLIC.T (id, v) key(id) select id, v from salaries         | merge public.t, select salaries",
        "UPSERT INTO t (id, v) VALUES (1, 2)                                    | merge t",
        "SELECT * FROM customers FOR UPDATE                                     | select customers",
        "EXPLAIN SELECT * FROM salaries                                         | select salaries",
        "SELECT * FROM t WHERE path = 'C:\\temp\\' OR x IN (SELECT id FROM salaries) | select t, select salaries",
        "UPDATE accounts SET balance = balance - ? WHERE id = ?                 | update accounts",
        "UPDATE t SET x = (SELECT max(x) FROM t) WHERE id = 1                   | update t, select t",
        "UPDATE t SET x = 1 WHERE id IN (SELECT id FROM salaries)               | update t, select salaries",
        "UPDATE t SET x = u.x FROM u WHERE t.id = u.id                          | update t, select u",
        "DELETE FROM sessions WHERE expires < ?                                 | delete sessions",
        "DELETE FROM t WHERE id IN (SELECT id FROM other)                       | delete t, select other",
        "MERGE INTO target t USING source s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v) | merge target, select source",
        "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))                  | ddl t",
        "CREATE TABLE copy AS SELECT * FROM salaries                            | ddl copy, select salaries",
        "DROP TABLE hr.salaries                                                 | ddl hr.salaries",
        "ALTER TABLE customers ADD COLUMN note VARCHAR(100)                      | ddl customers",
        "TRUNCATE TABLE logs                                                    | ddl logs",
        "CREATE INDEX idx_name ON customers (name)                              | ddl customers",
        "CREATE VIEW v AS SELECT * FROM salaries                                | ddl v, select salaries",
        "CALL refresh_stats(1)                                                  | call refresh_stats",
        "EXEC dbo.refresh_stats                                                 | call dbo.refresh_stats",
        "{call billing.close_month(?, ?)}                                       | call billing.close_month",
        "{? = call \"Billing\".\"Total\"(?)}                                    | call billing.total",
        "SELECT 1                                                               | ''",
        "SELECT EXTRACT(YEAR FROM born), TRIM(BOTH 'x' FROM name) FROM customers | select customers",
        "SELECT SUBSTRING(name FROM 2 FOR 3) FROM customers WHERE a IS DISTINCT FROM b | select customers",
        "SELECT * FROM generate_series(1, 3)                                    | call generate_series",
        "SELECT now(), CURRENT_TIMESTAMP                                        | call now",
        "SELECT pg_read_file('/etc/passwd')                                     | call pg_read_file",
        "SELECT pg_catalog.pg_read_file('/etc/passwd') FROM tickets             | select tickets, call pg_catalog.pg_read_file",
        "SELECT FILE_READ('/etc/passwd') AS x FROM customers WHERE id = 1       | select customers, call file_read",
        "SELECT * FROM CSVREAD('/srv/data.csv')                                 | call csvread",
        "SELECT utl_http.request('http://evil.example/') FROM dual              | select dual, call utl_http.request",
        "SELECT count(*), lower(name) FROM customers                            | select customers",
        "SELECT * FROM customers c, orders AS o, hr.salaries s                  | select customers, select orders, select hr.salaries",
        "SELECT * FROM customers ORDER BY (SELECT max(amount) FROM salaries)    | select customers, select salaries",
        "COMMIT                                                                 | ''",
        "SELECT * FROM a; DELETE FROM b                                         | select a, delete b",
        "SELECT * INTO archive FROM orders                                      | insert archive, select orders",
        "this is not sql at all                                                 | unknown ",
        "SELECT * FROM                                                          | unknown ",
    })
    void classifiesStatementsIntoAccesses(String sql, String expected) {
        assertEquals(expected.strip(), accesses(sql).strip());
        assertTrue(internalErrors.isEmpty(), () -> "internal errors: " + internalErrors);
    }

    @Test
    void mysqlExecutableCommentsAreReadAsTheSqlTheyAre() {
        ClassifiedSql hidden = classifier.classify("SELECT * FROM t /*!50000 UNION SELECT * FROM salaries */ WHERE 'x' = 'x'");
        assertEquals("select t, select salaries", hidden.toString());
        assertEquals("SELECT * FROM t UNION SELECT * FROM salaries WHERE ? = ?", hidden.display());
        assertEquals("select t", classifier.classify("SELECT * FROM t /* not executable: FROM salaries */").toString());
    }

    @Test
    void dataModifyingCteIsAWrite() {
        String result = accesses("WITH gone AS (DELETE FROM salaries WHERE id = 1 RETURNING *) SELECT * FROM gone");
        assertTrue(result.contains("delete salaries"), result);
    }

    @Test
    void sqlWithoutTablesGivesNoAccess() {
        assertEquals(0, classifier.classify("SELECT 1").accessCount());
    }

    @Test
    void unreadableSqlIsExactlyOneUnknownAccess() {
        ClassifiedSql unknown = classifier.classify("FROBNICATE salaries WITH 'secret'");
        assertEquals(1, unknown.accessCount());
        assertEquals("unknown", unknown.operation(0));
        assertEquals("", unknown.resource(0));
        assertEquals("FROBNICATE salaries WITH ?", unknown.display());
    }

    @Test
    void classificationIsCachedByText() {
        String sql = "SELECT * FROM customers WHERE id = ?";
        assertSame(classifier.classify(sql), classifier.classify(new String(sql.toCharArray())));
    }

    @Test
    void displayHidesLiteralsOfReadableSql() {
        assertEquals("SELECT * FROM customers WHERE name = ? AND age > ? AND born < DATE ?",
                classifier.classify("SELECT * FROM customers WHERE name = 'Alice' AND age > 30 AND born < DATE '2000-01-01'")
                        .display());
    }

    @Test
    void tooLongSqlIsUnknownWithoutParsing() {
        SqlClassifier small = new SqlClassifier(10, 10_000, 20, new SqlRedactor(100), (w, e) -> internalErrors.add(e));
        assertEquals("unknown ", small.classify("SELECT * FROM customers WHERE id = 42").toString());
        assertEquals("SELECT * FROM customers WHERE id = ?", small.classify("SELECT * FROM customers WHERE id = 42").display());
    }
}
