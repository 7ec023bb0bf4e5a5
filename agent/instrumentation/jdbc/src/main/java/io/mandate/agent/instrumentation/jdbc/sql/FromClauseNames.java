package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parser-independent safety net: the names written right after FROM and JOIN (and in a FROM
 * list), read with a small tokenizer that knows quotes and comments. JSqlParser's table finder
 * does not walk every clause (a subquery in ORDER BY is not visited, for one), so any name found
 * here that the parsed accesses lack is added as a read: over-reporting can deny a call, missing
 * a table would let it through.
 *
 * FROM inside EXTRACT, TRIM, SUBSTRING, OVERLAY and after IS DISTINCT is not a table position; a
 * name followed by "(" is a table function.
 */
final class FromClauseNames {
    private static final Set<String> FUNCTIONS_WITH_FROM = Set.of("EXTRACT", "TRIM", "SUBSTRING", "OVERLAY", "SUBSTR",
            "POSITION");
    private static final Set<String> NOT_A_NAME = Set.of("SELECT", "LATERAL", "ONLY", "WHERE", "ON", "USING",
            "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "JOIN",
            "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER", "AS", "FOR", "WITH", "VALUES", "TABLESAMPLE",
            "UNNEST", "SET", "RETURNING", "QUALIFY", "START", "CONNECT", "PIVOT", "UNPIVOT", "WHEN", "THEN", "AND", "OR");

    private FromClauseNames() {
    }

    /** Normalized names found in FROM / JOIN positions, in order (duplicates possible). */
    static List<String> of(String sql) {
        List<Token> tokens = tokens(sql);
        List<String> names = new ArrayList<>();
        List<Boolean> functionParens = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("(")) {
                functionParens.add(i > 0 && FUNCTIONS_WITH_FROM.contains(tokens.get(i - 1).upper));
            } else if (token.is(")")) {
                if (!functionParens.isEmpty()) {
                    functionParens.remove(functionParens.size() - 1);
                }
            } else if (token.upper.equals("JOIN")
                    || (token.upper.equals("FROM") && !insideFunction(functionParens) && !afterDistinct(tokens, i))) {
                readNames(tokens, i + 1, token.upper.equals("FROM"), names);
            }
        }
        return names;
    }

    private static boolean insideFunction(List<Boolean> functionParens) {
        return !functionParens.isEmpty() && functionParens.get(functionParens.size() - 1);
    }

    private static boolean afterDistinct(List<Token> tokens, int from) {
        return from > 0 && tokens.get(from - 1).upper.equals("DISTINCT");
    }

    /** Reads name [[AS] alias] {, name [[AS] alias]} starting at {@code start}. */
    private static void readNames(List<Token> tokens, int start, boolean list, List<String> names) {
        int i = start;
        while (i < tokens.size()) {
            if (tokens.get(i).upper.equals("ONLY")) {
                i++;
            }
            StringBuilder written = new StringBuilder();
            int end = qualifiedName(tokens, i, written);
            if (end == i) {
                return;
            }
            if (end < tokens.size() && tokens.get(end).is("(")) {
                return; // a table function
            }
            names.add(TableNames.ofQualified(written.toString()));
            i = end;
            if (i < tokens.size() && tokens.get(i).upper.equals("AS")) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).isName() && !NOT_A_NAME.contains(tokens.get(i).upper)) {
                i++;
            }
            if (!list || i >= tokens.size() || !tokens.get(i).is(",")) {
                return;
            }
            i++;
        }
    }

    private static int qualifiedName(List<Token> tokens, int start, StringBuilder written) {
        int i = start;
        if (i >= tokens.size() || !tokens.get(i).isName() || NOT_A_NAME.contains(tokens.get(i).upper)) {
            return start;
        }
        written.append(tokens.get(i).text);
        i++;
        while (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).isName()) {
            written.append('.').append(tokens.get(i + 1).text);
            i += 2;
        }
        return i;
    }

    private record Token(String text, String upper, boolean name) {
        boolean is(String symbol) {
            return !name && text.equals(symbol);
        }

        boolean isName() {
            return name;
        }
    }

    /** Names (plain or quoted) and the punctuation that matters; literals and comments are skipped. */
    private static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                while (i < length && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? length : close + 2;
            } else if (c == '\'') {
                i = skipString(sql, i);
            } else if (c == '"' || c == '`' || c == '[') {
                char closing = c == '[' ? ']' : c;
                int close = sql.indexOf(closing, i + 1);
                int end = close < 0 ? length : close + 1;
                String text = sql.substring(i, end);
                tokens.add(new Token(text, text.toUpperCase(Locale.ROOT), true));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) == '#')) {
                    i++;
                }
                String text = sql.substring(start, i);
                tokens.add(new Token(text, text.toUpperCase(Locale.ROOT), true));
            } else if (c == '(' || c == ')' || c == ',' || c == '.') {
                tokens.add(new Token(String.valueOf(c), String.valueOf(c), false));
                i++;
            } else if (c == ';') {
                tokens.add(new Token(";", ";", false));
                i++;
            } else {
                i++;
            }
        }
        return tokens;
    }

    private static int skipString(String sql, int open) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
