package io.mandate.policy.ast;

/** {@code when expr} ({@code unless} false) or {@code unless expr} ({@code unless} true). */
public record Guard(boolean unless, Expr expr) {
    // written out rather than a record's ObjectMethods bootstrap: the linter hashes guards at the agent's premain
    @Override
    public boolean equals(Object o) {
        return o instanceof Guard g && g.unless == unless && java.util.Objects.equals(g.expr, expr);
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(unless) + java.util.Objects.hashCode(expr);
    }
}
