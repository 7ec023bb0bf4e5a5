package io.mandate.policy.ast;

/** {@code when expr} ({@code unless} false) or {@code unless expr} ({@code unless} true). */
public record Guard(boolean unless, Expr expr) {
}
