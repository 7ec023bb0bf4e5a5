package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2's upsert {@code MERGE INTO t [(cols)] KEY (cols) VALUES ... | SELECT ...}, which JSqlParser
 * does not know. Read as the INSERT it resembles (so a SELECT source still counts as reads), its
 * target then filed as merged.
 */
final class H2MergeKey {
    private static final Pattern HEAD = Pattern.compile(
            "^(\\s*)MERGE(\\s+INTO\\s+(?:\"[^\"]*\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]*\"|[\\w$]+))*\\s*(?:\\([^)]*\\))?\\s*)KEY\\s*\\([^)]*\\)",
            Pattern.CASE_INSENSITIVE);

    private H2MergeKey() {
    }

    /** The INSERT form of an H2 MERGE ... KEY statement, or null when {@code sql} is not one. */
    static String asInsert(String sql) {
        Matcher head = HEAD.matcher(sql);
        if (!head.find()) {
            return null;
        }
        return head.group(1) + "INSERT" + head.group(2) + sql.substring(head.end());
    }
}
