package io.mandate.policy.text;

import io.mandate.policy.Verdict;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Expr;
import io.mandate.policy.ast.Limit;
import io.mandate.policy.ast.LimitWindow;
import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.ast.Value;
import io.mandate.policy.ast.ValueType;
import io.mandate.policy.ast.Vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The canonical text form: one statement per line, two-space indent, purpose first, then rules,
 * then limits; conditions with the fewest parentheses that keep their meaning. Formatting a parsed
 * canonical text gives the same text back, which is what the policy hash is computed over.
 */
public final class PolicyFormatter {
    private PolicyFormatter() {
    }

    public static String format(PolicyAst ast) {
        return format(ast, PolicyFormatter::ruleWithoutId);
    }

    /**
     * The canonical text, taking each rule's text without its id from {@code ruleWithoutId}, so a
     * caller that needs those texts anyway (the compiler's default reasons) formats each rule once.
     */
    public static String format(PolicyAst ast, Function<Rule, String> ruleWithoutId) {
        StringBuilder out = new StringBuilder();
        out.append("policy ").append(quote(ast.name())).append('\n');
        out.append("default ").append(verdict(ast.defaultVerdict())).append('\n');
        for (AgentBlock block : ast.agents()) {
            out.append('\n').append("agent ").append(quote(block.glob())).append(" {\n");
            if (!block.purpose().isEmpty()) {
                out.append("  purpose ").append(quote(block.purpose())).append('\n');
            }
            for (Rule rule : block.rules()) {
                out.append("  ").append(idPrefix(rule)).append(ruleWithoutId.apply(rule)).append('\n');
            }
            for (Limit limit : block.limits()) {
                out.append("  ").append(limit.describe()).append('\n');
            }
            out.append("}\n");
        }
        return out.toString();
    }

    /** One rule in canonical form, without indentation. */
    public static String rule(Rule rule) {
        return idPrefix(rule) + ruleWithoutId(rule);
    }

    private static String idPrefix(Rule rule) {
        return rule.explicitId().isEmpty() ? "" : "@id(" + quote(rule.explicitId()) + ") ";
    }

    /** One rule in canonical form without its {@code @id}: what a decision without a written reason explains itself with. */
    public static String ruleWithoutId(Rule rule) {
        StringBuilder s = new StringBuilder();
        s.append(verdict(rule.verdict())).append(' ').append(rule.kind().keyword()).append(' ')
                .append(String.join(", ", rule.operations()));
        if (!rule.resources().isEmpty()) {
            String keyword = Vocabulary.resourceKeyword(rule.kind());
            s.append(' ');
            if (!keyword.isEmpty()) {
                s.append(keyword).append(' ');
            }
            List<String> resources = rule.resources();
            for (int i = 0; i < resources.size(); i++) {
                if (i > 0) {
                    s.append(", ");
                }
                String r = resources.get(i);
                s.append(rule.kind() == io.mandate.policy.Kind.JDBC && isPlainWord(r) ? r : quote(r));
            }
        }
        if (rule.guard() != null) {
            s.append(rule.guard().unless() ? " unless " : " when ").append(expr(rule.guard().expr()));
        }
        if (!rule.reason().isEmpty()) {
            s.append(" reason ").append(quote(rule.reason()));
        }
        return s.toString();
    }

    /** A condition in canonical form. */
    public static String expr(Expr e) {
        return expr(e, 0);
    }

    // precedence: or 1, and 2, not 3, comparison 4
    private static String expr(Expr e, int outer) {
        if (e instanceof Expr.Or or) {
            return paren(join(or.operands(), " or ", 1), outer > 1);
        }
        if (e instanceof Expr.And and) {
            return paren(join(and.operands(), " and ", 2), outer > 2);
        }
        if (e instanceof Expr.Not not) {
            return "not " + expr(not.operand(), 3);
        }
        if (e instanceof Expr.Compare c) {
            return c.attribute().keyword() + " " + c.op().symbol() + " " + value(c.value());
        }
        if (e instanceof Expr.In in) {
            StringBuilder s = new StringBuilder(in.attribute().keyword()).append(" in [");
            for (int i = 0; i < in.values().size(); i++) {
                s.append(i == 0 ? "" : ", ").append(value(in.values().get(i)));
            }
            return s.append(']').toString();
        }
        Expr.Matches m = (Expr.Matches) e;
        return m.attribute().keyword() + " matches " + quote(m.glob());
    }

    private static String join(List<Expr> operands, String separator, int precedence) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < operands.size(); i++) {
            // An operand of the same operator keeps its parentheses so that the tree shape survives.
            Expr operand = operands.get(i);
            boolean same = (precedence == 1 && operand instanceof Expr.Or) || (precedence == 2 && operand instanceof Expr.And);
            s.append(i == 0 ? "" : separator).append(same ? "(" + expr(operand, 0) + ")" : expr(operand, precedence));
        }
        return s.toString();
    }

    private static String paren(String s, boolean needed) {
        return needed ? "(" + s + ")" : s;
    }

    private static String value(Value v) {
        return v.type() == ValueType.STRING ? quote(v.text()) : v.text();
    }

    private static String verdict(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** A string literal of the language, escaped. */
    public static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': q.append("\\\""); break;
                case '\\': q.append("\\\\"); break;
                case '\n': q.append("\\n"); break;
                case '\t': q.append("\\t"); break;
                default: q.append(c);
            }
        }
        return q.append('"').toString();
    }

    /** True when a table name reads back as one word (so it needs no quotes). */
    private static boolean isPlainWord(String s) {
        if (s.isEmpty() || !Lexer.isWordStart(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Lexer.isWordPart(s.charAt(i))) {
                return false;
            }
        }
        return !KEYWORDS.contains(s);
    }

    /** Words that would end a table list if written bare. */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("when", "unless", "reason");
}
