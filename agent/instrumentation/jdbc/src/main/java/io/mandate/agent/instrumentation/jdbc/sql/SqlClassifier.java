package io.mandate.agent.instrumentation.jdbc.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

import java.util.function.BiConsumer;

/**
 * SQL text to accesses and display, cached by text. Never throws: SQL the parser cannot read is
 * one unknown access; a crash of the parser or of this code is reported as an internal error and
 * also classified unknown, so the policy (and the agent's failure mode) still decide the call.
 *
 * Parsing runs on the calling thread, without JSqlParser's own timeout (which hands every parse to
 * a new executor thread): instead texts longer than {@code maxParsedLength} are not parsed at all,
 * and the slower "complex" grammar is only tried on texts with shallow nesting.
 */
public final class SqlClassifier {
    private static final int MAX_COMPLEX_NESTING = 10;

    private final GenerationalCache<ClassifiedSql> cache;
    private final SqlDisplay sqlDisplay;
    private final int maxParsedLength;
    private final BiConsumer<String, Throwable> internalErrors;

    public SqlClassifier(int cacheEntries, long cacheChars, int maxParsedLength, SqlDisplay sqlDisplay,
                         BiConsumer<String, Throwable> internalErrors) {
        this.cache = new GenerationalCache<>(cacheEntries, cacheChars);
        this.sqlDisplay = sqlDisplay;
        this.maxParsedLength = maxParsedLength;
        this.internalErrors = internalErrors;
    }

    public ClassifiedSql classify(String sql) {
        if (sql == null) {
            return ClassifiedSql.unknown("");
        }
        ClassifiedSql cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        ClassifiedSql classified = classifyUncached(sql);
        cache.put(sql, classified);
        return classified;
    }

    public void clear() {
        cache.clear();
    }

    private ClassifiedSql classifyUncached(String sql) {
        String display;
        try {
            display = sqlDisplay.of(sql);
        } catch (RuntimeException | StackOverflowError e) {
            internalErrors.accept("jdbc.redact", e);
            display = "?";
        }
        ClassifiedSql escapeCall = ExecutableComments.present(sql) ? null : JdbcCallEscape.classify(sql, display);
        if (escapeCall != null) {
            return escapeCall;
        }
        if (sql.length() > maxParsedLength || sql.isBlank()) {
            return ClassifiedSql.unknown(display);
        }
        try {
            String readable = ExecutableComments.present(sql) ? ExecutableComments.inline(sql) : sql;
            String h2Merge = H2MergeKey.asInsert(readable);
            String parsed = h2Merge == null ? readable : h2Merge;
            Statements statements = parse(parsed);
            if (statements == null || statements.isEmpty()) {
                return ClassifiedSql.unknown(display);
            }
            AccessList accesses = new AccessList();
            for (Statement statement : statements) {
                StatementAccesses.addTo(accesses, statement);
            }
            for (String name : FromClauseNames.of(parsed)) {
                accesses.addReadUnlessKnown(name);
            }
            return h2Merge == null ? accesses.toClassified(display) : accesses.renamingFirst("merge").toClassified(display);
        } catch (ParseException | TokenMgrException | StackOverflowError e) {
            return ClassifiedSql.unknown(display);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            internalErrors.accept("jdbc.classify", e);
            return ClassifiedSql.unknown(display);
        }
    }

    /**
     * Tries the fast grammar first, then the variants that change how text is read: the complex
     * grammar (shallow nesting only, it can be slow), [bracketed] names (SQL Server), backslash
     * escapes in strings (MySQL). The first failure is reported when all fail.
     */
    private static Statements parse(String sql) throws ParseException {
        try {
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statements();
        } catch (ParseException | TokenMgrException simpleFailed) {
            if (CCJSqlParserUtil.getNestingDepth(sql) <= MAX_COMPLEX_NESTING) {
                Statements complex = tryParse(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true));
                if (complex != null) {
                    return complex;
                }
            }
            if (sql.indexOf('[') >= 0) {
                Statements bracketed = tryParse(CCJSqlParserUtil.newParser(sql).withSquareBracketQuotation(true));
                if (bracketed != null) {
                    return bracketed;
                }
            }
            if (sql.indexOf('\\') >= 0) {
                Statements escaped = tryParse(CCJSqlParserUtil.newParser(sql).withBackslashEscapeCharacter(true));
                if (escaped != null) {
                    return escaped;
                }
            }
            throw simpleFailed;
        }
    }

    private static Statements tryParse(CCJSqlParser parser) {
        try {
            return parser.Statements();
        } catch (ParseException | TokenMgrException failed) {
            return null;
        }
    }
}
