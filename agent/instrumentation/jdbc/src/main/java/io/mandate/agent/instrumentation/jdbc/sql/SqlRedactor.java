package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.Locale;

/**
 * Turns SQL into what the journal may show: every literal (strings, numbers, dates, booleans,
 * hex/bit strings, dollar-quoted bodies) becomes {@code ?}, comments are dropped (they can carry
 * anything; MySQL's executable comments are SQL and are shown) and runs of white space become one
 * space. Works on any text, also SQL no parser
 * understands, and never fails.
 *
 * Where dialects disagree it errs on hiding too much: a quoted string holding a backslash could
 * end at different places in MySQL and PostgreSQL, so everything from it to the end is hidden;
 * a double-quoted token is a name in standard SQL but a string in MySQL, so it is kept only where
 * it can only be a name (qualified with a dot, or right after FROM, JOIN, INTO, UPDATE, TABLE...).
 */
public final class SqlRedactor implements SqlDisplay {
    private static final String HIDDEN_REST = "? …";

    /** What a backslash means inside a quoted literal. */
    private enum Backslash {
        /** Standard strings: an escape in MySQL, a plain character elsewhere, so ambiguous. */
        AMBIGUOUS,
        /** PostgreSQL E'...': always an escape. */
        ESCAPES,
        /** U&'...': introduces a Unicode code, never escapes the quote. */
        PLAIN
    }

    private final int maxLength;

    /** @param maxLength longest display kept; longer ones are cut and marked */
    public SqlRedactor(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public String of(String sql) {
        return redact(sql);
    }

    public String redact(String sql) {
        if (sql == null) {
            return "";
        }
        Scan scan = new Scan(sql);
        scan.run();
        String display = scan.out.toString().trim();
        if (display.length() > maxLength) {
            return display.substring(0, maxLength) + " …(truncated)";
        }
        return display;
    }

    private static final class Scan {
        private final String sql;
        private final int length;
        private final StringBuilder out;
        private int pos;
        /** Upper-cased last word written, to tell a name position from a value position. */
        private String lastWord = "";
        /** Inside MySQL's executable comment, whose contents run as SQL and so are shown (redacted). */
        private boolean inExecutableComment;

        Scan(String sql) {
            this.sql = sql;
            this.length = sql.length();
            this.out = new StringBuilder(Math.min(length, 4096));
        }

        void run() {
            while (pos < length) {
                char c = sql.charAt(pos);
                if (Character.isWhitespace(c)) {
                    skipWhitespace();
                } else if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '#' && lastWordIsNotIdentifierPart()) {
                    // MySQL line comment; '#' inside names (SQL Server temp tables) is consumed by word()
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*' && !inExecutableComment && (peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!'))) {
                    enterExecutableComment();
                } else if (c == '*' && peek(1) == '/' && inExecutableComment) {
                    pos += 2;
                    inExecutableComment = false;
                    space();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == '\'') {
                    if (!quotedLiteral(Backslash.AMBIGUOUS)) {
                        return;
                    }
                } else if (c == '"') {
                    doubleQuoted();
                } else if (c == '`') {
                    copyQuoted('`', '`');
                } else if (c == '[') {
                    copyQuoted('[', ']');
                } else if (c == '$') {
                    dollar();
                } else if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !previousIsIdentifierPart())) {
                    number();
                } else if (isWordStart(c)) {
                    if (!word()) {
                        return;
                    }
                } else {
                    out.append(c);
                    pos++;
                    if (c != '.') {
                        lastWord = "";
                    }
                }
            }
        }

        private char peek(int ahead) {
            int at = pos + ahead;
            return at < length ? sql.charAt(at) : '\0';
        }

        private boolean previousIsIdentifierPart() {
            return out.length() > 0 && isWordPart(out.charAt(out.length() - 1));
        }

        private boolean lastWordIsNotIdentifierPart() {
            return !previousIsIdentifierPart();
        }

        private void space() {
            if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }

        private void skipWhitespace() {
            while (pos < length && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            space();
        }

        private void skipLineComment() {
            while (pos < length && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                pos++;
            }
            space();
        }

        private void enterExecutableComment() {
            pos += peek(2) == 'M' ? 4 : 3;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            inExecutableComment = true;
            space();
        }

        /** Block comments nest in PostgreSQL and H2; counting depth also covers the flat dialects. */
        private void skipBlockComment() {
            int depth = 0;
            while (pos < length) {
                if (sql.charAt(pos) == '/' && peek(1) == '*') {
                    depth++;
                    pos += 2;
                } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        break;
                    }
                } else {
                    pos++;
                }
            }
            space();
        }

        /**
         * A '...' literal at pos. Returns false when the rest of the SQL was hidden (unterminated,
         * or a backslash made its end dialect-dependent).
         */
        private boolean quotedLiteral(Backslash backslash) {
            int i = pos + 1;
            while (i < length) {
                char c = sql.charAt(i);
                if (c == '\\' && backslash != Backslash.PLAIN) {
                    if (backslash == Backslash.AMBIGUOUS) {
                        out.append(HIDDEN_REST);
                        pos = length;
                        return false;
                    }
                    i += 2;
                } else if (c == '\'') {
                    if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                        i += 2;
                    } else {
                        out.append('?');
                        pos = i + 1;
                        lastWord = "";
                        return true;
                    }
                } else {
                    i++;
                }
            }
            out.append(HIDDEN_REST);
            pos = length;
            return false;
        }

        private void doubleQuoted() {
            int end = closingQuote('"');
            boolean qualified = endsWithDot() || (end < length && nextNonSpace(end + 1) == '.');
            boolean namePosition = qualified || NamePositions.precedesName(lastWord);
            if (namePosition && end < length) {
                out.append(sql, pos, end + 1);
                lastWord = "";
            } else {
                out.append('?');
                lastWord = "";
            }
            pos = Math.min(end + 1, length);
        }

        private boolean endsWithDot() {
            return out.length() > 0 && out.charAt(out.length() - 1) == '.';
        }

        private char nextNonSpace(int from) {
            int i = from;
            while (i < length && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            return i < length ? sql.charAt(i) : '\0';
        }

        /** Index of the closing quote (a doubled quote is an escaped one), or length when unterminated. */
        private int closingQuote(char quote) {
            int i = pos + 1;
            while (i < length) {
                if (sql.charAt(i) == quote) {
                    if (i + 1 < length && sql.charAt(i + 1) == quote) {
                        i += 2;
                        continue;
                    }
                    return i;
                }
                i++;
            }
            return length;
        }

        private void copyQuoted(char open, char close) {
            int i = pos + 1;
            while (i < length && sql.charAt(i) != close) {
                i++;
            }
            if (i >= length) {
                out.append(HIDDEN_REST);
                pos = length;
                return;
            }
            out.append(sql, pos, i + 1);
            pos = i + 1;
            lastWord = "";
        }

        /** $1 parameters are kept; $$...$$ and $tag$...$tag$ bodies (PostgreSQL, H2) are literals. */
        private void dollar() {
            int i = pos + 1;
            if (i < length && isDigit(sql.charAt(i))) {
                while (i < length && isDigit(sql.charAt(i))) {
                    i++;
                }
                out.append(sql, pos, i);
                pos = i;
                return;
            }
            while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            if (i < length && sql.charAt(i) == '$') {
                String tag = sql.substring(pos, i + 1);
                int close = sql.indexOf(tag, i + 1);
                out.append('?');
                pos = close < 0 ? length : close + tag.length();
                if (close < 0) {
                    out.append(" …");
                }
                lastWord = "";
                return;
            }
            out.append('$');
            pos++;
        }

        private void number() {
            int i = pos;
            if (sql.charAt(i) == '0' && i + 1 < length && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
                i += 2;
                while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
                    i++;
                }
            } else {
                while (i < length && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                    i++;
                }
                if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < length && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < length && isDigit(sql.charAt(j))) {
                        i = j;
                        while (i < length && isDigit(sql.charAt(i))) {
                            i++;
                        }
                    }
                }
                // type suffixes such as 10L, 1.5f, 2.0d, 100BD
                while (i < length && Character.isLetter(sql.charAt(i))) {
                    i++;
                }
            }
            out.append('?');
            pos = i;
            lastWord = "";
        }

        /** Returns false when the rest was hidden (an unterminated prefixed literal). */
        private boolean word() {
            int i = pos;
            while (i < length && isWordPart(sql.charAt(i))) {
                i++;
            }
            String word = sql.substring(pos, i);
            String upper = word.toUpperCase(Locale.ROOT);
            if (i < length && sql.charAt(i) == '\'' && isLiteralPrefix(upper)) {
                pos = i;
                return quotedLiteral(upper.equals("E") ? Backslash.ESCAPES : Backslash.AMBIGUOUS);
            }
            if (upper.equals("U") && i + 1 < length && sql.charAt(i) == '&' && sql.charAt(i + 1) == '\'') {
                pos = i + 1;
                return quotedLiteral(Backslash.PLAIN);
            }
            pos = i;
            if (upper.equals("TRUE") || upper.equals("FALSE")) {
                out.append('?');
                lastWord = "";
            } else {
                out.append(word);
                lastWord = upper;
            }
            return true;
        }

        /** N'', E'', X'', B'', and MySQL charset introducers such as _utf8mb4''. */
        private static boolean isLiteralPrefix(String upper) {
            return upper.equals("N") || upper.equals("E") || upper.equals("X") || upper.equals("B")
                    || upper.equals("NX") || (upper.length() > 1 && upper.charAt(0) == '_');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#' || c == '@';
        }
    }
}
