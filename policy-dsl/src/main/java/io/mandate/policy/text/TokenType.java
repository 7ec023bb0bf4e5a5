package io.mandate.policy.text;

/** Lexical classes of the policy language. */
enum TokenType {
    WORD, STRING, NUMBER, LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, AT, OPERATOR, EOF
}
