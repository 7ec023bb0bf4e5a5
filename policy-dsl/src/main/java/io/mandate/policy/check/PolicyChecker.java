package io.mandate.policy.check;

import io.mandate.policy.Kind;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Attribute;
import io.mandate.policy.ast.ByteUnit;
import io.mandate.policy.ast.Expr;
import io.mandate.policy.ast.Limit;
import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Pos;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.ast.Suggestions;
import io.mandate.policy.ast.Value;
import io.mandate.policy.ast.ValueType;
import io.mandate.policy.ast.Vocabulary;
import io.mandate.policy.match.PatternException;
import io.mandate.policy.match.ResourcePattern;
import io.mandate.policy.match.ResourcePatterns;
import io.mandate.policy.text.DiagnosticSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the meaning of a parsed (or JSON-read) policy: operations and metrics each kind knows,
 * resource patterns, condition types, units, rule ids. Reports every error; compiles the resource
 * patterns on the way so the compiler and the linter do not compile them again.
 */
public final class PolicyChecker {
    private final DiagnosticSink sink;
    private final Map<Rule, List<ResourcePattern>> patterns = new IdentityHashMap<>();

    private PolicyChecker(DiagnosticSink sink) {
        this.sink = sink;
    }

    /** Checks {@code ast}; returns each rule's compiled resource patterns (complete only when no error was reported). */
    public static Map<Rule, List<ResourcePattern>> check(PolicyAst ast, DiagnosticSink sink) {
        PolicyChecker checker = new PolicyChecker(sink);
        checker.policy(ast);
        return checker.patterns;
    }

    private void policy(PolicyAst ast) {
        if (ast.name().isBlank()) {
            sink.warning(ast.pos(), "the policy has no name", "as in policy \"support-desk\"");
        }
        Map<String, Rule> ids = new HashMap<>();
        for (AgentBlock block : ast.agents()) {
            for (Rule rule : block.rules()) {
                rule(rule);
                if (!rule.explicitId().isEmpty()) {
                    Rule first = ids.putIfAbsent(rule.explicitId(), rule);
                    if (first != null) {
                        sink.error(rule.pos(), "rule id '" + rule.explicitId() + "' is already used"
                                + (first.pos().known() ? " at line " + first.pos().line() : ""), "rule ids must be unique");
                    }
                }
            }
            for (Limit limit : block.limits()) {
                limit(limit);
            }
        }
    }

    private void rule(Rule rule) {
        Kind kind = rule.kind();
        List<String> known = Vocabulary.operations(kind);
        for (int i = 0; i < rule.operations().size(); i++) {
            String op = rule.operations().get(i);
            if (!op.equals(Vocabulary.ANY) && !known.contains(op)) {
                sink.error(rule.operationPos(i), "unknown " + kind.keyword() + " operation '" + op + "'",
                        hintOr(Suggestions.didYouMean(op, known), kind.keyword() + " operations: " + String.join(", ", known) + ", *"));
            }
        }
        if (rule.operations().isEmpty()) {
            sink.error(rule.pos(), "the rule names no operation", "write * for every operation");
        }
        List<ResourcePattern> compiled = new ArrayList<>();
        for (int i = 0; i < rule.resources().size(); i++) {
            String text = rule.resources().get(i);
            try {
                compiled.add(ResourcePatterns.compile(kind, text));
            } catch (PatternException e) {
                Pos at = rule.resourcePos(i);
                sink.error(at.known() ? new Pos(at.line(), at.column() + e.offset()) : at, e.getMessage(), e.hint());
            }
        }
        if (rule.resources().isEmpty()) {
            compiled.add(ResourcePatterns.any());
        }
        patterns.put(rule, compiled);
        if (rule.guard() != null) {
            expr(rule.guard().expr());
        }
    }

    private void expr(Expr expr) {
        if (expr instanceof Expr.And and) {
            and.operands().forEach(this::expr);
        } else if (expr instanceof Expr.Or or) {
            or.operands().forEach(this::expr);
        } else if (expr instanceof Expr.Not not) {
            expr(not.operand());
        } else if (expr instanceof Expr.Compare c) {
            Attribute a = c.attribute();
            if (c.op().ordering() && a.type() != ValueType.NUMBER) {
                sink.error(c.pos(), "'" + c.op().symbol() + "' compares numbers, but " + a.keyword() + " is a string",
                        "use ==, !=, in [...] or matches \"glob\"");
            } else {
                value(a, c.value());
            }
        } else if (expr instanceof Expr.In in) {
            if (in.values().isEmpty()) {
                sink.warning(in.pos(), "'in []' is never true", "");
            }
            for (Value v : in.values()) {
                value(in.attribute(), v);
            }
        } else if (expr instanceof Expr.Matches m) {
            if (m.attribute().type() != ValueType.STRING) {
                sink.error(m.pos(), "'matches' takes a string attribute, but " + m.attribute().keyword() + " is a number",
                        "use < <= > >= == != for numbers");
            }
        }
    }

    private void value(Attribute attribute, Value value) {
        if (value.type() != attribute.type()) {
            sink.error(value.pos().known() ? value.pos() : Pos.NONE, attribute.keyword() + " is " + attribute.type().describe()
                    + " but '" + value.text() + "' is " + value.type().describe(),
                    attribute.type() == ValueType.STRING ? "quote it: \"" + value.text() + "\"" : "write the number without quotes");
            return;
        }
        if (attribute.type() == ValueType.NUMBER) {
            double n = value.number();
            if (attribute == Attribute.TIME_HOUR && (n < 0 || n > 23)) {
                sink.warning(value.pos(), "time.hour is 0 to 23; " + value.text() + " is out of range", "");
            } else if (attribute == Attribute.TRUST && (n < 0 || n > 1)) {
                sink.warning(value.pos(), "trust is 0 to 1; " + value.text() + " is out of range", "");
            }
        }
    }

    private void limit(Limit limit) {
        List<String> metrics = Vocabulary.metrics(limit.kind());
        if (!metrics.contains(limit.metric())) {
            sink.error(limit.pos(), "unknown " + limit.kind().keyword() + " metric '" + limit.metric() + "'",
                    hintOr(Suggestions.didYouMean(limit.metric(), metrics), limit.kind().keyword() + " metrics: " + String.join(", ", metrics)));
            return;
        }
        if (!limit.unit().isEmpty()) {
            if (!Vocabulary.BYTE_METRICS.contains(limit.metric())) {
                sink.error(limit.pos(), "'" + limit.unit() + "' is a size unit, but " + limit.metric() + " counts units", "leave the unit out");
            } else if (!ByteUnit.known(limit.unit())) {
                sink.error(limit.pos(), "unknown unit '" + limit.unit() + "'", Suggestions.didYouMean(limit.unit(), ByteUnit.NAMES));
            }
        }
        if (limit.amount() < 0) {
            sink.error(limit.pos(), "a limit cannot be negative", "");
        }
        if (ByteUnit.known(limit.unit())) {
            try {
                limit.effectiveAmount();
            } catch (ArithmeticException e) {
                sink.error(limit.pos(), "limit too large", "");
            }
        }
        if (limit.amount() == 0) {
            sink.warning(limit.pos(), "a limit of 0 denies every " + limit.kind().keyword() + " call it counts", "use a deny rule to say so");
        }
    }

    private static String hintOr(String hint, String fallback) {
        return hint.isEmpty() ? fallback : hint;
    }
}
