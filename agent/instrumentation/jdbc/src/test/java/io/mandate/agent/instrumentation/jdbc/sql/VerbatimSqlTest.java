package io.mandate.agent.instrumentation.jdbc.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** journalSql=verbatim: the statement as sent, on one line, within the journal's bound. */
class VerbatimSqlTest {
    @Test
    void literalsAndCommentsAreKeptAndWhiteSpaceCollapsed() {
        assertEquals("SELECT * FROM customers WHERE name = 'Ann' /* vip */ AND id = 42",
                new VerbatimSql(200).of("  SELECT *\n  FROM customers\tWHERE name = 'Ann' /* vip */ AND id = 42 \n"));
        assertEquals("", new VerbatimSql(200).of(null));
    }

    @Test
    void aLongStatementIsCutAndMarked() {
        assertEquals("SELECT 1234 …(truncated)", new VerbatimSql(11).of("SELECT 123456789"));
    }

    @Test
    void theSameStatementIsRedactedByDefault() {
        String sql = "SELECT * FROM customers WHERE name = 'Ann'";
        assertEquals("SELECT * FROM customers WHERE name = ?", new SqlRedactor(200).of(sql));
    }
}
