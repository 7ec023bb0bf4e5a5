package io.mandate.policy.ast;

/** A position in a policy source; lines and columns count from 1. {@link #NONE} for nodes built without text (JSON). */
public record Pos(int line, int column) {
    public static final Pos NONE = new Pos(0, 0);

    public boolean known() {
        return line > 0;
    }
}
