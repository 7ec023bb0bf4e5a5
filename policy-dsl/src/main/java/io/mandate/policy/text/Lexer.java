package io.mandate.policy.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits policy text into tokens. Never throws: a bad character or an unterminated string is
 * reported to the sink and skipped. Words may hold letters, digits, {@code _ $ - . *} so that
 * {@code public.ticket_notes}, {@code bytes-read}, {@code chain.depth} and {@code audit_*} are one word.
 */
final class Lexer {
    private final String text;
    private final DiagnosticSink sink;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;
    private int lineStart;
    private int lastTokenLine;

    Lexer(String text, DiagnosticSink sink) {
        this.text = text;
        this.sink = sink;
    }

    List<Token> tokenize() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                lineStart = i;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                string();
            } else if (c >= '0' && c <= '9') {
                number();
            } else if (isWordStart(c)) {
                int start = i;
                while (i < text.length() && isWordPart(text.charAt(i))) {
                    i++;
                }
                add(TokenType.WORD, text.substring(start, i), start);
            } else {
                punctuation(c);
            }
        }
        add(TokenType.EOF, "", i);
        return tokens;
    }

    private void punctuation(char c) {
        int start = i;
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        switch (c) {
            case '{': one(TokenType.LBRACE); return;
            case '}': one(TokenType.RBRACE); return;
            case '(': one(TokenType.LPAREN); return;
            case ')': one(TokenType.RPAREN); return;
            case '[': one(TokenType.LBRACKET); return;
            case ']': one(TokenType.RBRACKET); return;
            case ',': one(TokenType.COMMA); return;
            case '@': one(TokenType.AT); return;
            case '<': case '>':
                i += next == '=' ? 2 : 1;
                add(TokenType.OPERATOR, text.substring(start, i), start);
                return;
            case '=': case '!':
                if (next == '=') {
                    i += 2;
                    add(TokenType.OPERATOR, text.substring(start, i), start);
                    return;
                }
                i++;
                sink.error(pos(start), "unexpected '" + c + "'", c == '=' ? "did you mean '=='?" : "did you mean '!=' or 'not'?");
                return;
            default:
                i += Character.charCount(text.codePointAt(i));
                sink.error(pos(start), "unexpected character '" + new String(Character.toChars(text.codePointAt(start))) + "'");
        }
    }

    private void one(TokenType type) {
        int start = i++;
        add(type, String.valueOf(text.charAt(start)), start);
    }

    private void number() {
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i + 1 < text.length() && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        add(TokenType.NUMBER, text.substring(start, i), start);
    }

    private void string() {
        int start = i;
        i++;
        StringBuilder value = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                add(TokenType.STRING, value.toString(), start);
                return;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(i + 1);
                switch (e) {
                    case '"': value.append('"'); break;
                    case '\\': value.append('\\'); break;
                    case 'n': value.append('\n'); break;
                    case 't': value.append('\t'); break;
                    default:
                        sink.error(pos(i), "unknown escape '\\" + e + "'", "write '\\\\' for a backslash");
                        value.append(e);
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        sink.error(pos(start), "unterminated string", "close it with '\"' on the same line");
        add(TokenType.STRING, value.toString(), start);
    }

    private void add(TokenType type, String value, int start) {
        boolean first = lastTokenLine != line;
        tokens.add(new Token(type, value, line, start - lineStart + 1, Math.max(start, i) - lineStart + 1, first));
        lastTokenLine = line;
    }

    private io.mandate.policy.ast.Pos pos(int offset) {
        return new io.mandate.policy.ast.Pos(line, offset - lineStart + 1);
    }

    static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '*' || c == '$';
    }

    static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '$' || c == '-' || c == '.';
    }
}
