package io.mandate.policy.eval;

import io.mandate.policy.Request;
import io.mandate.policy.ast.Attribute;
import io.mandate.policy.ast.CompareOp;
import io.mandate.policy.ast.Expr;
import io.mandate.policy.ast.Value;
import io.mandate.policy.match.Glob;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A compiled condition over a request's context. Evaluating it allocates nothing. */
interface Condition {
    boolean test(Request request);

    static Condition compile(Expr expr) {
        if (expr instanceof Expr.And and) {
            Condition[] parts = compileAll(and.operands());
            return r -> {
                for (Condition c : parts) {
                    if (!c.test(r)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (expr instanceof Expr.Or or) {
            Condition[] parts = compileAll(or.operands());
            return r -> {
                for (Condition c : parts) {
                    if (c.test(r)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (expr instanceof Expr.Not not) {
            Condition inner = compile(not.operand());
            return r -> !inner.test(r);
        }
        if (expr instanceof Expr.Matches m) {
            Attribute a = m.attribute();
            Glob glob = Glob.compile(m.glob(), Glob.NO_SEPARATOR, false);
            return r -> glob.matches(string(a, r));
        }
        if (expr instanceof Expr.In in) {
            Attribute a = in.attribute();
            if (a.type() == io.mandate.policy.ast.ValueType.STRING) {
                Set<String> values = new HashSet<>();
                for (Value v : in.values()) {
                    values.add(v.text());
                }
                return r -> values.contains(string(a, r));
            }
            double[] numbers = in.values().stream().mapToDouble(Value::number).toArray();
            return r -> {
                double x = number(a, r);
                for (double n : numbers) {
                    if (x == n) {
                        return true;
                    }
                }
                return false;
            };
        }
        Expr.Compare c = (Expr.Compare) expr;
        Attribute a = c.attribute();
        if (a.type() == io.mandate.policy.ast.ValueType.STRING) {
            String v = c.value().text();
            return c.op() == CompareOp.EQ ? r -> v.equals(string(a, r)) : r -> !v.equals(string(a, r));
        }
        double n = c.value().number();
        switch (c.op()) {
            case EQ: return r -> number(a, r) == n;
            case NE: return r -> number(a, r) != n;
            case LT: return r -> number(a, r) < n;
            case LE: return r -> number(a, r) <= n;
            case GT: return r -> number(a, r) > n;
            default: return r -> number(a, r) >= n;
        }
    }

    /** Whether {@code expr} reads {@code time.hour} anywhere. */
    static boolean readsHour(Expr expr) {
        if (expr instanceof Expr.And and) {
            return and.operands().stream().anyMatch(Condition::readsHour);
        }
        if (expr instanceof Expr.Or or) {
            return or.operands().stream().anyMatch(Condition::readsHour);
        }
        if (expr instanceof Expr.Not not) {
            return readsHour(not.operand());
        }
        Attribute a = expr instanceof Expr.Matches m ? m.attribute()
                : expr instanceof Expr.In in ? in.attribute() : ((Expr.Compare) expr).attribute();
        return a == Attribute.TIME_HOUR;
    }

    private static Condition[] compileAll(List<Expr> operands) {
        Condition[] parts = new Condition[operands.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = compile(operands.get(i));
        }
        return parts;
    }

    private static String string(Attribute a, Request r) {
        switch (a) {
            case TOOL: return r.tool();
            case CHAIN_PURPOSE: return r.purpose();
            case USER: return r.user();
            default: return r.agent();
        }
    }

    private static double number(Attribute a, Request r) {
        switch (a) {
            case CHAIN_DEPTH: return r.chainDepth();
            case TIME_HOUR: return r.hourOfDay();
            default: return r.trust();
        }
    }
}
