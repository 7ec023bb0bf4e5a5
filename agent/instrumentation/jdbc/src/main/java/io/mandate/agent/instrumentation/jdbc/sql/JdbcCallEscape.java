package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC call escape {@code {call proc(?)}} / {@code {? = call schema.proc(?)}} that
 * CallableStatements use: drivers translate it, SQL parsers do not know it.
 */
final class JdbcCallEscape {
    private static final Pattern CALL = Pattern.compile(
            "^\\s*\\{\\s*(?:\\?\\s*=\\s*)?call\\s+((?:\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]|[^\\s(}\"`\\[])+)",
            Pattern.CASE_INSENSITIVE);

    private JdbcCallEscape() {
    }

    /** The classification of a call escape, or null when {@code sql} is not one. */
    static ClassifiedSql classify(String sql, String display) {
        if (sql.isEmpty() || sql.charAt(skipSpaces(sql)) != '{') {
            return null;
        }
        if (sql.indexOf(';') >= 0 || !sql.strip().endsWith("}")) {
            // more than one call escape: let the parser fail on it (unknown) rather than read only the head
            return null;
        }
        Matcher matcher = CALL.matcher(sql);
        if (!matcher.find()) {
            return null;
        }
        AccessList accesses = new AccessList();
        accesses.add(StatementAccesses.CALL, TableNames.ofQualified(matcher.group(1)));
        return accesses.toClassified(display);
    }

    private static int skipSpaces(String sql) {
        int i = 0;
        while (i < sql.length() - 1 && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
