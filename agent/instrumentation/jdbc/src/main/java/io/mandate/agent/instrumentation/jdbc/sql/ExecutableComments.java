package io.mandate.agent.instrumentation.jdbc.sql;

/**
 * MySQL and MariaDB run the contents of {@code /*! ... *}{@code /} (optionally {@code /*!50000})
 * as SQL, so to every other reader they would hide statements: a policy must see
 * {@code SELECT * FROM t /*!UNION SELECT * FROM salaries *}{@code /} as reading salaries. The
 * markers are replaced by spaces and the contents kept, outside quoted text only.
 */
final class ExecutableComments {
    private ExecutableComments() {
    }

    static boolean present(String sql) {
        return sql.contains("/*!") || sql.contains("/*M!");
    }

    /** {@code sql} with every executable comment's markers blanked out and its contents kept. */
    static String inline(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int length = sql.length();
        boolean inExecutable = false;
        char quote = 0;
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote == '\'' && i + 1 < length) {
                    out.append(sql.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
                i++;
            } else if (!inExecutable && (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i))) {
                i += sql.charAt(i + 2) == 'M' ? 4 : 3;
                while (i < length && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                out.append(' ');
                inExecutable = true;
            } else if (inExecutable && sql.startsWith("*/", i)) {
                out.append(' ');
                i += 2;
                inExecutable = false;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
