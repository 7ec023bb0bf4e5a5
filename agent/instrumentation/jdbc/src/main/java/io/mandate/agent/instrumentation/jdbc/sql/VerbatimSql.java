package io.mandate.agent.instrumentation.jdbc.sql;

/**
 * SQL as the application sent it, for {@code journalSql=verbatim}: literals and comments are kept,
 * runs of white space become one space (so a statement reads on one line), and a display longer than
 * the bound is cut and marked, as the redacted one is. Parameters of a prepared statement are never
 * seen by the agent, so they stay {@code ?} either way.
 */
public final class VerbatimSql implements SqlDisplay {
    private final int maxLength;

    public VerbatimSql(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public String of(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(Math.min(sql.length(), maxLength + 16));
        boolean space = false;
        for (int i = 0; i < sql.length() && shown.length() <= maxLength; i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = shown.length() > 0;
                continue;
            }
            if (space) {
                shown.append(' ');
                space = false;
            }
            shown.append(c);
        }
        if (shown.length() > maxLength) {
            shown.setLength(maxLength);
            return shown.append(" …(truncated)").toString();
        }
        return shown.toString();
    }
}
