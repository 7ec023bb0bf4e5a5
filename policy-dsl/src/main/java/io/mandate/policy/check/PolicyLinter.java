package io.mandate.policy.check;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Attribute;
import io.mandate.policy.ast.CompareOp;
import io.mandate.policy.ast.Expr;
import io.mandate.policy.ast.Guard;
import io.mandate.policy.ast.Limit;
import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.ast.Value;
import io.mandate.policy.ast.Vocabulary;
import io.mandate.policy.match.Glob;
import io.mandate.policy.match.ResourcePattern;
import io.mandate.policy.text.DiagnosticSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Warnings about a valid policy: rules that can never decide a call (shadowed by a stronger
 * unconditional rule, duplicated, or guarded by an agent name their block excludes) and agent
 * blocks that match nothing the policy names (an empty glob, or a block with nothing in it).
 * Runs in about linear time: candidate shadowing rules are found by kind, operation and, where the
 * pattern has one, resource key.
 */
public final class PolicyLinter {
    private final DiagnosticSink sink;
    private final Map<Rule, List<ResourcePattern>> patterns;

    /**
     * What makes two rules of blocks with the same glob duplicates (conditions compare without positions).
     * equals and hashCode are written out: a record's are linked through an ObjectMethods bootstrap
     * the first time they run, which cost ~3% of the agent's premain thread, where policies are linted.
     */
    private record Signature(String glob, Verdict verdict, Kind kind, List<String> operations, List<String> resources, Guard guard) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && s.glob.equals(glob) && s.verdict == verdict && s.kind == kind
                    && s.operations.equals(operations) && s.resources.equals(resources) && Objects.equals(s.guard, guard);
        }

        @Override
        public int hashCode() {
            int h = glob.hashCode();
            h = 31 * h + verdict.hashCode();
            h = 31 * h + kind.hashCode();
            h = 31 * h + operations.hashCode();
            h = 31 * h + resources.hashCode();
            return 31 * h + Objects.hashCode(guard);
        }
    }

    /** An unconditional deny or flag rule, with the block glob it applies under. */
    private record Shadow(Rule rule, String blockGlob, Glob glob) {
    }

    private PolicyLinter(DiagnosticSink sink, Map<Rule, List<ResourcePattern>> patterns) {
        this.sink = sink;
        this.patterns = patterns;
    }

    public static void lint(PolicyAst ast, Map<Rule, List<ResourcePattern>> patterns, DiagnosticSink sink) {
        new PolicyLinter(sink, patterns).run(ast);
    }

    private void run(PolicyAst ast) {
        Map<Signature, Shadow> duplicates = new HashMap<>();
        Map<String, List<Shadow>> shadowsByKey = new HashMap<>();
        Map<String, List<Shadow>> unkeyedShadows = new HashMap<>();
        Map<String, Limit> limits = new HashMap<>();
        for (AgentBlock block : ast.agents()) {
            Glob glob = Glob.compile(block.glob(), Glob.NO_SEPARATOR, false);
            if (block.glob().isEmpty()) {
                sink.warning(block.pos(), "agent \"\" matches only calls made with no agent identity", "write \"*\" for every agent");
            }
            if (block.rules().isEmpty() && block.limits().isEmpty()) {
                sink.warning(block.pos(), "agent block \"" + block.glob() + "\" has no rules or limits: it matches nothing", "");
            }
            for (Rule rule : block.rules()) {
                Signature signature = new Signature(block.glob(), rule.verdict(), rule.kind(), rule.operations(), rule.resources(), rule.guard());
                Shadow first = duplicates.putIfAbsent(signature, new Shadow(rule, block.glob(), glob));
                if (first != null) {
                    sink.warning(rule.pos(), "duplicate of the rule " + where(first.rule()) + ": this one can never decide a call", "remove it");
                }
                if (rule.guard() != null && !rule.guard().unless() && excludesBlockAgents(rule.guard().expr(), glob)) {
                    sink.warning(rule.guard().expr().pos().known() ? rule.guard().expr().pos() : rule.pos(),
                            "the condition names an agent that agent \"" + block.glob() + "\" never matches: this rule can never fire", "");
                }
                if (rule.guard() == null && rule.verdict() != Verdict.ALLOW) {
                    Shadow s = new Shadow(rule, block.glob(), glob);
                    List<String> keys = shadowKeys(rule);
                    if (keys == null) {
                        for (String op : rule.operations()) {
                            unkeyedShadows.computeIfAbsent(rule.kind() + "\u0000" + op, x -> new ArrayList<>()).add(s);
                        }
                    } else {
                        for (String k : keys) {
                            shadowsByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
                        }
                    }
                }
            }
            for (Limit limit : block.limits()) {
                String key = block.glob() + "\u0000" + limit.kind() + limit.metric() + limit.scope() + limit.window();
                Limit first = limits.putIfAbsent(key, limit);
                if (first != null) {
                    sink.warning(limit.pos(), "this limit counts the same calls as the limit " + where(first.pos().line())
                            + ": both share one counter and the lower amount decides", "keep one");
                }
            }
        }
        for (AgentBlock block : ast.agents()) {
            for (Rule rule : block.rules()) {
                if (rule.verdict() == Verdict.DENY) {
                    continue;
                }
                Shadow by = shadowOf(rule, block.glob(), shadowsByKey, unkeyedShadows);
                if (by != null) {
                    String verb = by.rule().verdict() == Verdict.DENY ? "denies" : "flags";
                    sink.warning(rule.pos(), "this " + rule.verdict().name().toLowerCase() + " can never fire: the "
                            + by.rule().verdict().name().toLowerCase() + " " + where(by.rule()) + " " + verb + " every call it matches", "");
                }
            }
        }
    }

    private Shadow shadowOf(Rule rule, String blockGlob, Map<String, List<Shadow>> byKey, Map<String, List<Shadow>> unkeyed) {
        List<ResourcePattern> mine = patterns.get(rule);
        if (mine == null || mine.isEmpty()) {
            return null;
        }
        String firstKey = keyOf(rule.kind(), rule.operations().get(0), mine.get(0));
        String anyOpKey = keyOf(rule.kind(), Vocabulary.ANY, mine.get(0));
        List<List<Shadow>> lists = List.of(byKey.getOrDefault(firstKey, List.of()), byKey.getOrDefault(anyOpKey, List.of()),
                unkeyed.getOrDefault(rule.kind() + "\u0000" + rule.operations().get(0), List.of()),
                unkeyed.getOrDefault(rule.kind() + "\u0000" + Vocabulary.ANY, List.of()));
        for (List<Shadow> candidates : lists) {
            for (Shadow s : candidates) {
                if (s.rule() != rule && stronger(s.rule().verdict(), rule.verdict()) && s.rule().kind() == rule.kind()
                        && covers(s, blockGlob) && coversOperations(s.rule(), rule) && coversResources(s.rule(), mine)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static boolean stronger(Verdict a, Verdict b) {
        return a.ordinal() > b.ordinal(); // ALLOW < FLAG < DENY
    }

    private static boolean covers(Shadow s, String blockGlob) {
        return s.blockGlob().equals(blockGlob) || s.glob().matchesEverything()
                || (blockGlob.indexOf('*') < 0 && s.glob().matches(blockGlob));
    }

    private static boolean coversOperations(Rule wider, Rule rule) {
        if (wider.operations().contains(Vocabulary.ANY)) {
            return true;
        }
        return !rule.operations().contains(Vocabulary.ANY) && wider.operations().containsAll(rule.operations());
    }

    private boolean coversResources(Rule wider, List<ResourcePattern> mine) {
        List<ResourcePattern> theirs = patterns.get(wider);
        if (theirs == null) {
            return false;
        }
        for (ResourcePattern p : mine) {
            boolean covered = false;
            for (ResourcePattern q : theirs) {
                if (p.coveredBy(q)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** Keys under which a shadowing rule is filed, or null when one of its patterns cannot be keyed. */
    private List<String> shadowKeys(Rule rule) {
        List<ResourcePattern> ps = patterns.get(rule);
        if (ps == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (ResourcePattern p : ps) {
            if (p.matchesEverything() || p.indexKey() == null) {
                return null;
            }
            for (String op : rule.operations()) {
                keys.add(keyOf(rule.kind(), op, p));
            }
        }
        return keys;
    }

    private static String keyOf(Kind kind, String op, ResourcePattern p) {
        return kind + "\u0000" + op + "\u0000" + (p.indexKey() == null ? p.text() : p.indexKey());
    }

    /** True when a when-condition requires an agent identity that the block's glob never matches. */
    private static boolean excludesBlockAgents(Expr expr, Glob glob) {
        if (expr instanceof Expr.Compare c && c.attribute() == Attribute.AGENT && c.op() == CompareOp.EQ) {
            return !glob.matches(c.value().text());
        }
        if (expr instanceof Expr.In in && in.attribute() == Attribute.AGENT) {
            for (Value v : in.values()) {
                if (glob.matches(v.text())) {
                    return false;
                }
            }
            return true;
        }
        if (expr instanceof Expr.And and) {
            for (Expr e : and.operands()) {
                if (excludesBlockAgents(e, glob)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String where(Rule rule) {
        return rule.pos().known() ? "at line " + rule.pos().line() : (rule.explicitId().isEmpty() ? "before it" : "'" + rule.explicitId() + "'");
    }

    private static String where(int line) {
        return line > 0 ? "at line " + line : "before it";
    }
}
