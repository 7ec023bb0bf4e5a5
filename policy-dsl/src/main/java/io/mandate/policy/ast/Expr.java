package io.mandate.policy.ast;

import java.util.List;

/**
 * A condition. Equality ignores positions so that duplicate detection and round-trip tests compare
 * meaning, not layout.
 */
public sealed interface Expr {
    Pos pos();

    record And(List<Expr> operands, Pos pos) implements Expr {
        public And {
            operands = List.copyOf(operands);
        }

        @Override public boolean equals(Object o) { return o instanceof And a && a.operands.equals(operands); }

        @Override public int hashCode() { return operands.hashCode() * 3; }
    }

    record Or(List<Expr> operands, Pos pos) implements Expr {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override public boolean equals(Object o) { return o instanceof Or a && a.operands.equals(operands); }

        @Override public int hashCode() { return operands.hashCode() * 5; }
    }

    record Not(Expr operand, Pos pos) implements Expr {
        @Override public boolean equals(Object o) { return o instanceof Not n && n.operand.equals(operand); }

        @Override public int hashCode() { return operand.hashCode() * 7; }
    }

    record Compare(Attribute attribute, CompareOp op, Value value, Pos pos) implements Expr {
        @Override public boolean equals(Object o) {
            return o instanceof Compare c && c.attribute == attribute && c.op == op && c.value.equals(value);
        }

        @Override public int hashCode() { return attribute.hashCode() ^ op.hashCode() ^ value.hashCode(); }
    }

    record In(Attribute attribute, List<Value> values, Pos pos) implements Expr {
        public In {
            values = List.copyOf(values);
        }

        @Override public boolean equals(Object o) { return o instanceof In i && i.attribute == attribute && i.values.equals(values); }

        @Override public int hashCode() { return attribute.hashCode() ^ values.hashCode(); }
    }

    record Matches(Attribute attribute, String glob, Pos pos) implements Expr {
        @Override public boolean equals(Object o) { return o instanceof Matches m && m.attribute == attribute && m.glob.equals(glob); }

        @Override public int hashCode() { return attribute.hashCode() ^ glob.hashCode(); }
    }
}
