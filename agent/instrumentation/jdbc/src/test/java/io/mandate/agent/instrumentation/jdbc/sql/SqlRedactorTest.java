package io.mandate.agent.instrumentation.jdbc.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlRedactorTest {
    private final SqlRedactor redactor = new SqlRedactor(200);

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("SELECT * FROM t WHERE name = 'Alice'",
                        "SELECT * FROM t WHERE name = ?"),
                Arguments.of("SELECT * FROM t WHERE name = 'O''Brien' AND x = 1",
                        "SELECT * FROM t WHERE name = ? AND x = ?"),
                Arguments.of("SELECT * FROM t WHERE id = 42 OR id = -7 OR v = 3.14e-2",
                        "SELECT * FROM t WHERE id = ? OR id = -? OR v = ?"),
                Arguments.of("SELECT * FROM t WHERE v = .5 AND w = 0x1F AND z = 10L",
                        "SELECT * FROM t WHERE v = ? AND w = ? AND z = ?"),
                Arguments.of("SELECT * FROM t1 JOIN t2 ON t1.id = t2.id",
                        "SELECT * FROM t1 JOIN t2 ON t1.id = t2.id"),
                Arguments.of("SELECT * FROM t WHERE born < DATE '2000-01-01'",
                        "SELECT * FROM t WHERE born < DATE ?"),
                Arguments.of("SELECT * FROM t WHERE ts > TIMESTAMP '2020-01-01 10:00:00'",
                        "SELECT * FROM t WHERE ts > TIMESTAMP ?"),
                Arguments.of("SELECT * FROM t WHERE active = TRUE AND gone = false",
                        "SELECT * FROM t WHERE active = ? AND gone = ?"),
                Arguments.of("SELECT * FROM t WHERE d = {d '2020-01-01'}",
                        "SELECT * FROM t WHERE d = {d ?}"),
                Arguments.of("SELECT * FROM t WHERE n = N'unicode' AND b = X'CAFE'",
                        "SELECT * FROM t WHERE n = ? AND b = ?"),
                Arguments.of("SELECT * FROM t WHERE e = E'it\\'s' AND f = 1",
                        "SELECT * FROM t WHERE e = ? AND f = ?"),
                Arguments.of("SELECT * FROM t WHERE c = _utf8mb4'secret'",
                        "SELECT * FROM t WHERE c = ?"),
                Arguments.of("SELECT * FROM t WHERE u = U&'d\\0061t' AND f = 1",
                        "SELECT * FROM t WHERE u = ? AND f = ?"),
                Arguments.of("SELECT $$secret body$$, $fn$ also $ secret $fn$ FROM t",
                        "SELECT ?, ? FROM t"),
                Arguments.of("SELECT * FROM t WHERE id = $1 AND x = :name AND y = ?",
                        "SELECT * FROM t WHERE id = $1 AND x = :name AND y = ?"),
                Arguments.of("SELECT x::int FROM t",
                        "SELECT x::int FROM t"),
                Arguments.of("SELECT * FROM \"Public\".\"Customers\" WHERE \"Name\" = 'x'",
                        "SELECT * FROM \"Public\".\"Customers\" WHERE ? = ?"),
                Arguments.of("SELECT * FROM t WHERE name = \"alice\"",
                        "SELECT * FROM t WHERE name = ?"),
                Arguments.of("SELECT * FROM `shop`.`orders` WHERE `id` = 5",
                        "SELECT * FROM `shop`.`orders` WHERE `id` = ?"),
                Arguments.of("SELECT * FROM [dbo].[t] WHERE [id] = 5",
                        "SELECT * FROM [dbo].[t] WHERE [id] = ?"),
                Arguments.of("SELECT * FROM t -- password 'hunter2'\nWHERE id = 1",
                        "SELECT * FROM t WHERE id = ?"),
                Arguments.of("SELECT /* user=alice, ssn 123-45-6789 */ * FROM t",
                        "SELECT * FROM t"),
                Arguments.of("SELECT /* outer /* nested 'x' */ still comment */ 1",
                        "SELECT ?"),
                Arguments.of("SELECT * FROM t # mysql comment 'secret'\nWHERE a = 2",
                        "SELECT * FROM t WHERE a = ?"),
                Arguments.of("SELECT   *\n\tFROM    t",
                        "SELECT * FROM t"),
                Arguments.of("INSERT INTO t VALUES (1, 'a'), (2, 'b')",
                        "INSERT INTO t VALUES (?, ?), (?, ?)"),
                Arguments.of("SELECT @@version, @var FROM t",
                        "SELECT @@version, @var FROM t"),
                Arguments.of("FROBNICATE 'secret' 99 WITH salaries",
                        "FROBNICATE ? ? WITH salaries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void replacesEveryLiteralByAPlaceholder(String sql, String expected) {
        assertEquals(expected, redactor.redact(sql));
    }

    @Test
    void backslashInAStringHidesTheRestBecauseItsEndDependsOnTheDialect() {
        // MySQL reads 'C:\' as unterminated up to the next quote, PostgreSQL as 'C:\' then , 'secret'
        String display = redactor.redact("SELECT * FROM t WHERE path = 'C:\\' OR name = 'secret'");
        assertEquals("SELECT * FROM t WHERE path = ? …", display);
    }

    @Test
    void unterminatedLiteralHidesTheRest() {
        assertEquals("SELECT * FROM t WHERE name = ? …", redactor.redact("SELECT * FROM t WHERE name = 'Alice AND x = 1"));
        assertEquals("SELECT ? …", redactor.redact("SELECT $$never closed"));
    }

    @Test
    void longDisplaysAreCut() {
        String display = new SqlRedactor(20).redact("SELECT a, b, c, d, e, f, g FROM some_table WHERE id = 1");
        assertEquals("SELECT a, b, c, d, e …(truncated)", display);
    }

    @Test
    void noLiteralSurvivesInAnyOutput() {
        String secret = "s3cr3t";
        String[] statements = {
            "UPDATE users SET password = '" + secret + "' WHERE id = 7",
            "SELECT * FROM t WHERE x IN ('a', '" + secret + "', 'c')",
            "CALL set_token('" + secret + "')",
            "{call set_token('" + secret + "')}",
            "SELECT '" + secret + "'",
            "SELECT * FROM t WHERE a = 'x''" + secret + "'",
        };
        for (String sql : statements) {
            String display = redactor.redact(sql);
            assertFalse(display.contains(secret), display);
            assertTrue(display.contains("?"), display);
        }
    }

    @Test
    void nullAndEmptyAreEmpty() {
        assertEquals("", redactor.redact(null));
        assertEquals("", redactor.redact("   "));
    }
}
