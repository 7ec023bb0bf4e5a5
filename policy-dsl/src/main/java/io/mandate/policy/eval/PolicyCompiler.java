package io.mandate.policy.eval;

import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;
import io.mandate.policy.ast.AgentBlock;
import io.mandate.policy.ast.Limit;
import io.mandate.policy.ast.PolicyAst;
import io.mandate.policy.ast.Rule;
import io.mandate.policy.ast.Vocabulary;
import io.mandate.policy.match.Glob;
import io.mandate.policy.match.ResourcePattern;
import io.mandate.policy.text.PolicyFormatter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a checked policy AST into its evaluator. Call only when checking reported no error. */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    /**
     * @param ruleIdPrefix what rule ids start with: the source's file name ("support.mandate"), so
     *                     ids stay the same wherever the file is loaded from
     * @param source       where the policy came from, as {@link CompiledPolicy#source()} reports it
     */
    public static CompiledPolicy compile(PolicyAst ast, Map<Rule, List<ResourcePattern>> patterns, String ruleIdPrefix, String source) {
        Map<Rule, String> ruleTexts = new IdentityHashMap<>();
        for (AgentBlock block : ast.agents()) {
            for (Rule rule : block.rules()) {
                ruleTexts.put(rule, PolicyFormatter.ruleWithoutId(rule));
            }
        }
        String canonical = PolicyFormatter.format(ast, ruleTexts::get);
        String hash = sha256(canonical);
        List<AgentBlockRules> blocks = new ArrayList<>();
        boolean readsHour = false;
        int order = 0;
        for (int b = 0; b < ast.agents().size(); b++) {
            AgentBlock block = ast.agents().get(b);
            List<RuleEntry>[][][] entries = emptyEntries();
            for (int r = 0; r < block.rules().size(); r++) {
                Rule rule = block.rules().get(r);
                String id = !rule.explicitId().isEmpty() ? rule.explicitId()
                        : rule.pos().known() ? ruleIdPrefix + ":" + rule.pos().line() : ruleIdPrefix + "#agents[" + b + "].rules[" + r + "]";
                String reason = rule.reason().isEmpty() ? ruleTexts.get(rule) : rule.reason();
                Decision decision = new Decision(rule.verdict(), id, reason, hash);
                readsHour |= rule.guard() != null && Condition.readsHour(rule.guard().expr());
                CompiledRule compiled = new CompiledRule(order++, rule.verdict(), decision,
                        rule.guard() == null ? null : Condition.compile(rule.guard().expr()),
                        rule.guard() != null && rule.guard().unless());
                int tier = rule.verdict() == Verdict.DENY ? KindRules.DENY : rule.verdict() == Verdict.FLAG ? KindRules.FLAG : KindRules.ALLOW;
                List<String> known = Vocabulary.operations(rule.kind());
                for (String op : rule.operations()) {
                    for (int slot = 0; slot < KindRules.operationSlots(rule.kind()); slot++) {
                        boolean applies = op.equals(Vocabulary.ANY) || (slot < known.size() && known.get(slot).equals(op));
                        if (applies) {
                            for (ResourcePattern p : patterns.get(rule)) {
                                entries[rule.kind().ordinal()][slot][tier].add(new RuleEntry(compiled, p));
                            }
                        }
                    }
                }
            }
            List<CompiledLimit> limits = new ArrayList<>();
            for (int l = 0; l < block.limits().size(); l++) {
                Limit limit = block.limits().get(l);
                String id = "limit:" + (limit.pos().known() ? ruleIdPrefix + ":" + limit.pos().line() : ruleIdPrefix + "#agents[" + b + "].limits[" + l + "]");
                Decision denial = new Decision(Verdict.DENY, id, limit.describe() + " exceeded", hash);
                limits.add(new CompiledLimit(block.glob(), limit.kind(), limit.metric(), limit.effectiveAmount(), limit.scope(),
                        limit.window().nanos(), denial));
            }
            blocks.add(new AgentBlockRules(Glob.compile(block.glob(), Glob.NO_SEPARATOR, false), entries, limits));
        }
        return new PolicyEvaluator(ast.name(), hash, source, ast.defaultVerdict(), blocks, readsHour);
    }

    @SuppressWarnings("unchecked")
    private static List<RuleEntry>[][][] emptyEntries() {
        List<RuleEntry>[][][] entries = new List[Kind.values().length][][];
        for (Kind kind : Kind.values()) {
            int slots = KindRules.operationSlots(kind);
            entries[kind.ordinal()] = new List[slots][3];
            for (int s = 0; s < slots; s++) {
                for (int t = 0; t < 3; t++) {
                    entries[kind.ordinal()][s][t] = new ArrayList<>();
                }
            }
        }
        return entries;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
