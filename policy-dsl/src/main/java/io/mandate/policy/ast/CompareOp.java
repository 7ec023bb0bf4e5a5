package io.mandate.policy.ast;

/** Comparison operators of conditions; ordering ones need numbers. */
public enum CompareOp {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean ordering() {
        return this != EQ && this != NE;
    }

    public static CompareOp bySymbol(String s) {
        for (CompareOp op : values()) {
            if (op.symbol.equals(s)) {
                return op;
            }
        }
        return null;
    }
}
