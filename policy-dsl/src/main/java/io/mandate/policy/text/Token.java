package io.mandate.policy.text;

import io.mandate.policy.ast.Pos;

/**
 * One token. {@code firstOnLine} lets error recovery resume at the next line's statement;
 * {@code endColumn} is the column just after it.
 */
record Token(TokenType type, String text, int line, int column, int endColumn, boolean firstOnLine) {
    Pos pos() {
        return new Pos(line, column);
    }

    boolean isWord(String word) {
        return type == TokenType.WORD && text.equals(word);
    }

    String describe() {
        switch (type) {
            case EOF: return "end of file";
            case STRING: return "string \"" + text + "\"";
            default: return "'" + text + "'";
        }
    }
}
