package io.mandate.policy.eval;

import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled, immutable policy. A decision looks up the agent identity's pooled rule set
 * (cached), picks the kind and operation, finds the first deny, else flag, else allow by index,
 * and charges count limits; every decision it returns was built at compile time, so the allow
 * path allocates nothing once the agent's rule set is cached.
 */
final class PolicyEvaluator implements CompiledPolicy {
    /** Agent identities are few in practice; past this many the cache starts over rather than grow. */
    private static final int MAX_CACHED_AGENTS = 4096;

    private final String name;
    private final String hash;
    private final String source;
    private final List<AgentBlockRules> blocks;
    private final Decision defaultDecision;
    private final Decision internalError;
    private final Decision noKind;
    private final Decision touchesNoResource;
    private final CompiledLimit[] allLimits;
    private final ConcurrentHashMap<String, RuleSet> byAgent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RuleSet> byBlockSet = new ConcurrentHashMap<>();

    private final boolean readsHourOfDay;

    PolicyEvaluator(String name, String hash, String source, Verdict defaultVerdict,
                    List<AgentBlockRules> blocks, boolean readsHourOfDay) {
        this.readsHourOfDay = readsHourOfDay;
        this.name = name;
        this.hash = hash;
        this.source = source;
        this.blocks = List.copyOf(blocks);
        this.defaultDecision = new Decision(defaultVerdict, "default",
                "no rule matched: default " + defaultVerdict.name().toLowerCase(java.util.Locale.ROOT), hash);
        this.internalError = new Decision(Verdict.DENY, "internal-error", "internal error while deciding: denied to stay safe", hash);
        this.noKind = new Decision(Verdict.DENY, "invalid-request", "the request names no kind", hash);
        this.touchesNoResource = new Decision(Verdict.ALLOW, "no-resource",
                "touches no resource of its kind (no table, no function): no rule denies it", hash);
        List<CompiledLimit> limits = new ArrayList<>();
        for (AgentBlockRules b : blocks) {
            limits.addAll(b.limits());
        }
        this.allLimits = limits.toArray(new CompiledLimit[0]);
    }

    @Override public String name() { return name; }

    @Override public String hash() { return hash; }

    @Override public String source() { return source; }

    @Override
    public Decision decide(Request request, LimitCounters counters) {
        try {
            Kind kind = request.kind();
            if (kind == null) {
                return noKind;
            }
            KindRules rules = ruleSet(request.agent()).kinds[kind.ordinal()];
            Decision decision = evaluate(kind, rules, request);
            if (decision.verdict().permits() && rules.countLimits.length > 0 && counters != null) {
                Decision over = charge(rules.countLimits, request, counters);
                if (over != null) {
                    return over;
                }
            }
            return decision;
        } catch (Throwable t) {
            return internalError;
        }
    }

    /**
     * A request without accesses (a statement that reads no table and calls no function: SELECT 1,
     * COMMIT) is decided as one access of operation "" on resource "": only {@code *} rules without
     * resources match it. For jdbc, when none does, it is allowed rather than defaulted: the
     * default guards resources, there is none here, and denying a pool's SELECT 1 or a COMMIT would
     * break the host. Every other kind always names its resource, so a request of theirs without
     * one is malformed and falls to the default.
     */
    private Decision evaluate(Kind kind, KindRules rules, Request request) {
        int count = Math.max(1, request.accessCount());
        Decision flagged = null;
        Decision allowed = null;
        boolean defaulted = false;
        for (int i = 0; i < count; i++) {
            String operation = request.accessCount() == 0 ? "" : request.operation(i);
            String resource = request.accessCount() == 0 ? null : request.resource(i);
            String r = resource == null ? "" : resource;
            TierIndex[] tiers = rules.tiers[rules.slot(operation)];
            CompiledRule rule;
            if (tiers[KindRules.DENY] != null && (rule = tiers[KindRules.DENY].first(kind, r, request)) != null) {
                return rule.decision;
            }
            if (tiers[KindRules.FLAG] != null && (rule = tiers[KindRules.FLAG].first(kind, r, request)) != null) {
                flagged = flagged == null ? rule.decision : flagged;
            } else if (tiers[KindRules.ALLOW] != null && (rule = tiers[KindRules.ALLOW].first(kind, r, request)) != null) {
                allowed = allowed == null ? rule.decision : allowed;
            } else if (request.accessCount() == 0 && kind == Kind.JDBC) {
                return touchesNoResource;
            } else {
                defaulted = true;
            }
        }
        return combine(flagged, allowed, defaulted);
    }

    /** No access denied: default deny for an unmatched access, else a flag, else an allow. */
    private Decision combine(Decision flagged, Decision allowed, boolean defaulted) {
        if (defaulted) {
            Verdict d = defaultDecision.verdict();
            if (d == Verdict.DENY) {
                return defaultDecision;
            }
            if (d == Verdict.FLAG && flagged == null) {
                flagged = defaultDecision;
            }
            if (allowed == null) {
                allowed = defaultDecision;
            }
        }
        return flagged != null ? flagged : allowed;
    }

    private static Decision charge(CompiledLimit[] limits, Request request, LimitCounters counters) {
        long now = counters.nanoTime();
        for (int i = 0; i < limits.length; i++) {
            if (!limits[i].tryCharge(request, counters, 1, now)) {
                for (int j = 0; j < i; j++) {
                    limits[j].refund(request, counters, 1, now);
                }
                return limits[i].denial;
            }
        }
        return null;
    }

    @Override
    public Decision consume(Request request, String metric, long amount, LimitCounters counters) {
        try {
            Kind kind = request.kind();
            if (kind == null || metric == null || counters == null || amount <= 0) {
                return null;
            }
            CompiledLimit[] limits = ruleSet(request.agent()).kinds[kind.ordinal()].volumeLimits;
            if (limits.length == 0) {
                return null;
            }
            long now = counters.nanoTime();
            Decision first = null;
            for (CompiledLimit limit : limits) {
                if (limit.metric.equals(metric) && !limit.add(request, counters, amount, now) && first == null) {
                    first = limit.denial;
                }
            }
            return first;
        } catch (Throwable t) {
            return internalError;
        }
    }

    @Override
    public boolean readsHourOfDay() {
        return readsHourOfDay;
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        for (CompiledLimit limit : allLimits) {
            if (limit.kind == kind && limit.metric.equals(metric)) {
                return true;
            }
        }
        return false;
    }

    private RuleSet ruleSet(String agent) {
        RuleSet set = byAgent.get(agent);
        if (set != null) {
            return set;
        }
        return cacheRuleSet(agent);
    }

    private RuleSet cacheRuleSet(String agent) {
        StringBuilder key = new StringBuilder();
        List<AgentBlockRules> matching = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).glob().matches(agent)) {
                matching.add(blocks.get(i));
                key.append(i).append(',');
            }
        }
        RuleSet set = byBlockSet.computeIfAbsent(key.toString(), k -> new RuleSet(matching));
        if (byAgent.size() >= MAX_CACHED_AGENTS) {
            byAgent.clear();
        }
        byAgent.put(agent, set);
        return set;
    }

    @Override
    public String toString() {
        return "policy " + name + " (" + hash.substring(0, Math.min(12, hash.length())) + ") from " + source;
    }
}
